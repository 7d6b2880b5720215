import type { estypes } from '@elastic/elasticsearch';
import { toSearchResult, withCategoryNames, type ResultDocument } from './search-response';

const response = {
  took: 1,
  timed_out: false,
  _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
  hits: {
    total: { value: 42, relation: 'eq' },
    hits: [
      {
        _index: 'products-v1',
        _id: 'p1',
        _score: 3.5,
        _source: {
          id: 'p1',
          name: 'Headphones',
          description: 'Loud',
          price: { amount: 4_999, currency: 'EUR' },
          categoryId: 'c1',
          inStock: true,
        },
      },
    ],
  },
  aggregations: {
    categories: {
      doc_count: 42,
      ids: {
        buckets: [
          { key: 'c1', doc_count: 40 },
          { key: 'c2', doc_count: 2 },
        ],
      },
    },
    priceRanges: {
      doc_count: 42,
      ranges: {
        buckets: [
          { key: '0-1000', from: 0, to: 1_000, doc_count: 2 },
          { key: '1000-*', from: 1_000, doc_count: 40 },
        ],
      },
    },
    inStock: { doc_count: 42, values: { buckets: { true: { doc_count: 30 }, false: { doc_count: 12 } } } },
  },
} as unknown as estypes.SearchResponse<ResultDocument>;

describe('toSearchResult', () => {
  it('maps hits and facets to the API shape, naming a category the directory does not know by its id', () => {
    const { value: result } = withCategoryNames(
      toSearchResult(response, { page: 2, limit: 1 }),
      new Map([['c1', 'Audio']]),
    );
    expect(result).toEqual({
      items: [
        {
          id: 'p1',
          name: 'Headphones',
          description: 'Loud',
          price: { amount: 4_999, currency: 'EUR' },
          categoryId: 'c1',
          inStock: true,
          score: 3.5,
        },
      ],
      total: 42,
      page: 2,
      limit: 1,
      facets: {
        categories: [
          { id: 'c1', name: 'Audio', count: 40 },
          { id: 'c2', name: 'c2', count: 2 },
        ],
        priceRanges: [
          { from: 0, to: 1_000, count: 2 },
          { from: 1_000, to: null, count: 40 },
        ],
        inStock: { true: 30, false: 12 },
      },
    });
  });

  it('caches an answer naming a category the directory does not know, like any other', () => {
    const result = toSearchResult(response, { page: 1, limit: 1 });
    expect(withCategoryNames(result, new Map()).cacheable).toBe(true);
    expect(withCategoryNames(result, new Map([['c1', 'Audio']])).cacheable).toBe(true);
    expect(withCategoryNames(result, new Map([['gone', 'Old name']])).value.facets.categories).toEqual([
      { id: 'c1', name: 'c1', count: 40 },
      { id: 'c2', name: 'c2', count: 2 },
    ]);
  });

  it('does not cache an answer built while the category names could not be read', () => {
    const { value, cacheable } = withCategoryNames(
      toSearchResult(response, { page: 1, limit: 1 }),
      undefined,
    );
    expect(cacheable).toBe(false);
    expect(value.facets.categories.map((facet) => facet.name)).toEqual(['c1', 'c2']);
  });
});
