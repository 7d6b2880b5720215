import type { estypes } from '@elastic/elasticsearch';

/**
 * `full`: a node with the analysis-common module (every regular distribution): English stemming and
 * accent folding. `core`: a bare node (the plain integ-test distribution the native scripts run)
 * that only has the standard tokenizer and the lowercase/stop filters. Fuzzy matching, facets,
 * prefixes and similarity work the same on both.
 */
export type AnalysisProfile = 'full' | 'core';

function analysis(profile: AnalysisProfile): estypes.IndicesIndexSettingsAnalysis {
  if (profile === 'core') {
    return {
      filter: { english_stop: { type: 'stop', stopwords: '_english_' } },
      analyzer: {
        product_text: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'english_stop'] },
        product_prefix: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] },
      },
    };
  }
  return {
    filter: {
      english_stop: { type: 'stop', stopwords: '_english_' },
      english_possessive: { type: 'stemmer', language: 'possessive_english' },
      english_light: { type: 'stemmer', language: 'light_english' },
      // Keep the accented original too, so "café" still ranks an exact "café" above "cafe".
      folding: { type: 'asciifolding', preserve_original: true },
    },
    analyzer: {
      product_text: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['english_possessive', 'lowercase', 'folding', 'english_stop', 'english_light'],
      },
      product_prefix: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'folding'] },
    },
  };
}

/**
 * Explicit mapping, `dynamic: strict`: a field the code does not know is an error, not a silently
 * guessed type. `status` separates live products from tombstones and stock-only stubs.
 */
export const PRODUCT_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    status: { type: 'keyword' },
    name: {
      type: 'text',
      analyzer: 'product_text',
      copy_to: ['allText'],
      fields: {
        // Autocomplete: every prefix of every word is indexed, so a prefix query is a term lookup.
        prefix: { type: 'text', analyzer: 'product_prefix', index_prefixes: { min_chars: 1, max_chars: 15 } },
      },
    },
    description: { type: 'text', analyzer: 'product_text', copy_to: ['allText'] },
    allText: { type: 'text', analyzer: 'product_text' },
    sku: { type: 'keyword' },
    categoryId: { type: 'keyword' },
    price: { type: 'object', enabled: false },
    priceAmount: { type: 'long' },
    inStock: { type: 'boolean' },
    createdAt: { type: 'date' },
    updatedAt: { type: 'date' },
    productVersion: { type: 'long' },
    stockVersion: { type: 'long' },
  },
};

export function productIndexSettings(
  profile: AnalysisProfile,
  options: { refreshIntervalMs: number; replicas: number },
): estypes.IndicesIndexSettings {
  return {
    number_of_shards: 1,
    number_of_replicas: options.replicas,
    // Set explicitly so an idle shard keeps refreshing: a change must be searchable within 2 s.
    refresh_interval: `${options.refreshIntervalMs}ms`,
    max_result_window: MAX_RESULT_WINDOW,
    analysis: analysis(profile),
  };
}

/** Elasticsearch's default `from + size` ceiling; deeper pages are refused with 400. */
export const MAX_RESULT_WINDOW = 10_000;

/** The concrete index names behind an alias: `<alias>-v<epoch ms>`. */
export const newIndexName = (alias: string, now: Date = new Date()): string => `${alias}-v${now.getTime()}`;

export const isIndexOf = (alias: string, index: string): boolean =>
  new RegExp(`^${alias.replace(/[-_]/g, '\\$&')}-v\\d+$`).test(index);
