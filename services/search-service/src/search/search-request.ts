import type { estypes } from '@elastic/elasticsearch';
import { MAX_RESULT_WINDOW } from '../catalog-index/index-definition';
import { normalizeQueryText } from './cache-key';
import type { Sort } from './dto';
import { SearchErrors } from './search.errors';

/** A search as validated and normalised: the same question always looks the same (and caches the same). */
export interface SearchParams {
  q: string;
  categoryId?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: Sort;
  page: number;
  limit: number;
}

export const RESULT_FIELDS = ['id', 'name', 'description', 'price', 'categoryId', 'inStock'];

/** Tombstones and stock-only stubs are never an answer. */
export const LIVE_ONLY: estypes.QueryDslQueryContainer = { term: { status: 'live' } };

const CATEGORY_FACET_SIZE = 100;

export function normalizeSearch(input: Omit<SearchParams, 'q'> & { q?: string }): SearchParams {
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice)
    throw SearchErrors.priceRangeInverted();
  if (input.page * input.limit > MAX_RESULT_WINDOW) throw SearchErrors.tooDeep(MAX_RESULT_WINDOW);
  return {
    q: normalizeQueryText(input.q),
    categoryId: input.categoryId?.toLowerCase(),
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    sort: input.sort,
    page: input.page,
    limit: input.limit,
  };
}

/**
 * The text part. Analysed match queries only (never `query_string`), so no input is syntax to
 * Elasticsearch: `name:foo AND (` is just four words. Every word must match somewhere (fuzzily, for
 * typos), except in long queries where 75 % will do; matches in the name weigh three times more,
 * and the words as a phrase in the name more still.
 */
export function textQuery(q: string): estypes.QueryDslQueryContainer {
  if (q === '') return { match_all: {} };
  const fuzzy = { fuzziness: 'AUTO', prefix_length: 1, max_expansions: 50 } as const;
  return {
    bool: {
      must: [
        {
          match: {
            allText: {
              query: q,
              ...fuzzy,
              operator: 'or',
              minimum_should_match: '3<75%',
              zero_terms_query: 'none',
            },
          },
        },
      ],
      should: [
        { multi_match: { query: q, fields: ['name^3', 'description'], type: 'best_fields', ...fuzzy } },
        { match_phrase: { name: { query: q, boost: 2 } } },
      ],
    },
  };
}

type FilterName = 'category' | 'price' | 'stock';

function filtersOf(params: SearchParams): Partial<Record<FilterName, estypes.QueryDslQueryContainer>> {
  const filters: Partial<Record<FilterName, estypes.QueryDslQueryContainer>> = {};
  if (params.categoryId !== undefined) filters.category = { term: { categoryId: params.categoryId } };
  if (params.minPrice !== undefined || params.maxPrice !== undefined) {
    filters.price = { range: { priceAmount: { gte: params.minPrice, lte: params.maxPrice } } };
  }
  if (params.inStock !== undefined) filters.stock = { term: { inStock: params.inStock } };
  return filters;
}

const allOf = (clauses: estypes.QueryDslQueryContainer[]): estypes.QueryDslQueryContainer =>
  clauses.length === 0 ? { match_all: {} } : { bool: { filter: clauses } };

export const priceBuckets = (bounds: number[]): { from: number; to?: number }[] =>
  [0, ...bounds].map((from, i) => (i < bounds.length ? { from, to: bounds[i] } : { from }));

function sortOf(sort: Sort): estypes.SortCombinations[] {
  switch (sort) {
    case 'relevance':
      return [{ _score: { order: 'desc' } }, { createdAt: { order: 'desc' } }, { id: { order: 'asc' } }];
    case 'price_asc':
      return [{ priceAmount: { order: 'asc', missing: '_last' } }, { id: { order: 'asc' } }];
    case 'price_desc':
      return [{ priceAmount: { order: 'desc', missing: '_last' } }, { id: { order: 'asc' } }];
    case 'newest':
      return [{ createdAt: { order: 'desc' } }, { id: { order: 'asc' } }];
  }
}

/**
 * The whole request. User filters go in `post_filter`, and each facet is computed under every filter
 * but its own, so picking a category still shows how many matches the other categories have.
 */
export function buildSearchRequest(
  index: string,
  params: SearchParams,
  priceBounds: number[],
): estypes.SearchRequest {
  const filters = filtersOf(params);
  const except = (name: FilterName) =>
    allOf(Object.entries(filters).flatMap(([other, clause]) => (other === name || !clause ? [] : [clause])));
  return {
    index,
    query: { bool: { must: [textQuery(params.q)], filter: [LIVE_ONLY] } },
    post_filter: allOf(Object.values(filters)),
    aggs: {
      categories: {
        filter: except('category'),
        aggs: { ids: { terms: { field: 'categoryId', size: CATEGORY_FACET_SIZE } } },
      },
      priceRanges: {
        filter: except('price'),
        aggs: { ranges: { range: { field: 'priceAmount', ranges: priceBuckets(priceBounds) } } },
      },
      inStock: {
        filter: except('stock'),
        aggs: {
          values: {
            filters: { filters: { true: { term: { inStock: true } }, false: { term: { inStock: false } } } },
          },
        },
      },
    },
    sort: sortOf(params.sort),
    from: (params.page - 1) * params.limit,
    size: params.limit,
    track_total_hits: true,
    track_scores: true,
    _source: RESULT_FIELDS,
  };
}
