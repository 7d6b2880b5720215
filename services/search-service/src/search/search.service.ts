import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { CategoryDirectory } from '../categories/category-directory';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { readFromIndex } from '../elasticsearch/elasticsearch.errors';
import { ELASTICSEARCH } from '../elasticsearch/elasticsearch.module';
import type { SearchQueryDto } from './dto';
import { cacheKeyFor } from './cache-key';
import { QueryCache } from './query-cache';
import { buildSearchRequest, normalizeSearch } from './search-request';
import { toSearchResult, withCategoryNames, type ResultDocument } from './search-response';

/** Pages beyond this one are searched, never cached: rare, and each would be a key of its own. */
export const MAX_CACHED_PAGE = 10;
const ENDPOINT = 'search';

/** `GET /api/search`: full text, filters, facets and sorting over live products, through the query cache. */
@Injectable()
export class SearchService {
  constructor(
    @Inject(ELASTICSEARCH) private readonly es: Client,
    private readonly cache: QueryCache,
    private readonly categories: CategoryDirectory,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  /** The cache's name for this search, or undefined for one that is never cached (a deep page). */
  question(query: SearchQueryDto): string | undefined {
    const params = normalizeSearch(query);
    return params.page <= MAX_CACHED_PAGE ? cacheKeyFor(ENDPOINT, { ...params }) : undefined;
  }

  /** The answer as JSON text (see QueryCache). */
  search(query: SearchQueryDto): Promise<string> {
    const params = normalizeSearch(query);
    const cacheable = params.page <= MAX_CACHED_PAGE;
    return this.cache.answer(
      ENDPOINT,
      { ...params },
      async () => {
        const request = buildSearchRequest(
          this.config.SEARCH_INDEX_ALIAS,
          params,
          this.config.SEARCH_PRICE_RANGES,
        );
        const response = await readFromIndex(() => this.es.search<ResultDocument>(request));
        const result = toSearchResult(response, params);
        const names = await this.categories.namesFor(result.facets.categories.map((facet) => facet.id));
        return withCategoryNames(result, names);
      },
      { cacheable },
    );
  }
}
