import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { DocumentStore } from '../catalog-index/document-store';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { readFromIndex } from '../elasticsearch/elasticsearch.errors';
import { ELASTICSEARCH } from '../elasticsearch/elasticsearch.module';
import { QueryCache } from './query-cache';
import { LIVE_ONLY, RESULT_FIELDS } from './search-request';
import { toSearchItem, type ResultDocument } from './search-response';
import { SearchErrors } from './search.errors';

export const MAX_SIMILAR = 10;

/** `GET /api/search/products/:id/similar`: products whose name and description resemble this one's. */
@Injectable()
export class SimilarProductsService {
  constructor(
    @Inject(ELASTICSEARCH) private readonly es: Client,
    private readonly store: DocumentStore,
    private readonly cache: QueryCache,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  /** The answer as JSON text (see QueryCache). */
  similar(productId: string): Promise<string> {
    const index = this.config.SEARCH_INDEX_ALIAS;
    return this.cache.answer('similar', { productId }, async () => {
      const product = await readFromIndex(() => this.store.get(index, productId));
      if (product?.status !== 'live') throw SearchErrors.productNotFound();
      const response = await readFromIndex(() =>
        this.es.search<ResultDocument>({
          index,
          size: MAX_SIMILAR,
          query: {
            bool: {
              must: [
                {
                  more_like_this: {
                    fields: ['name', 'description'],
                    like: [`${product.name ?? ''}\n${product.description ?? ''}`],
                    // Catalogs are small next to a web corpus: a word seen once is still a signal.
                    min_term_freq: 1,
                    min_doc_freq: 1,
                    max_query_terms: 25,
                    minimum_should_match: '30%',
                  },
                },
              ],
              should: product.categoryId
                ? [{ term: { categoryId: { value: product.categoryId, boost: 2 } } }]
                : [],
              filter: [LIVE_ONLY],
              must_not: [{ ids: { values: [productId] } }],
            },
          },
          _source: RESULT_FIELDS,
        }),
      );
      return {
        value: { items: response.hits.hits.filter((hit) => hit._source).map(toSearchItem) },
        cacheable: true,
      };
    });
  }
}
