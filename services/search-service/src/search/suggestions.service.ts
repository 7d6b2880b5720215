import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { readFromIndex } from '../elasticsearch/elasticsearch.errors';
import { ELASTICSEARCH } from '../elasticsearch/elasticsearch.module';
import { normalizeQueryText } from './cache-key';
import { QueryCache } from './query-cache';
import { LIVE_ONLY } from './search-request';

export const MAX_SUGGESTIONS = 10;

export interface Suggestion {
  id: string;
  name: string;
}

/** `GET /api/search/suggest`: product names completing what was typed so far. */
const NO_SUGGESTIONS = JSON.stringify({ items: [] });

@Injectable()
export class SuggestionsService {
  constructor(
    @Inject(ELASTICSEARCH) private readonly es: Client,
    private readonly cache: QueryCache,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  /** The answer as JSON text (see QueryCache). */
  async suggest(text: string | undefined): Promise<string> {
    const q = normalizeQueryText(text);
    if (q === '') return NO_SUGGESTIONS;
    return this.cache.answer('suggest', { q }, async () => {
      const response = await readFromIndex(() =>
        this.es.search<Suggestion>({
          index: this.config.SEARCH_INDEX_ALIAS,
          size: MAX_SUGGESTIONS,
          // Whole words so far, then a prefix of the last one: "wireless he" completes to "Wireless Headphones".
          // The prefixes are indexed (index_prefixes), so this is a term lookup, not a scan.
          query: {
            bool: {
              must: [{ match_bool_prefix: { 'name.prefix': { query: q, operator: 'and' } } }],
              filter: [LIVE_ONLY],
            },
          },
          sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
          _source: ['id', 'name'],
        }),
      );
      const items = response.hits.hits.flatMap((hit) =>
        hit._source ? [{ id: hit._source.id, name: hit._source.name }] : [],
      );
      return { value: { items }, cacheable: true };
    });
  }
}
