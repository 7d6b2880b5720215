import type { estypes } from '@elastic/elasticsearch';
import type { Money } from '@ecommerce/contracts';
import type { SearchDocument } from '../catalog-index/product-document';

export interface SearchItem {
  id: string;
  name: string;
  description: string;
  price: Money;
  categoryId: string | null;
  inStock: boolean;
  score: number;
}

export interface SearchFacets {
  categories: { id: string; name: string; count: number }[];
  priceRanges: { from: number; to: number | null; count: number }[];
  inStock: { true: number; false: number };
}

export interface SearchResult {
  items: SearchItem[];
  total: number;
  page: number;
  limit: number;
  facets: SearchFacets;
}

interface FacetAggregations {
  categories?: { ids?: { buckets?: { key: string; doc_count: number }[] } };
  priceRanges?: { ranges?: { buckets?: { from?: number; to?: number; doc_count: number }[] } };
  inStock?: { values?: { buckets?: { true?: { doc_count: number }; false?: { doc_count: number } } } };
}

export type ResultDocument = Pick<
  SearchDocument,
  'id' | 'name' | 'description' | 'price' | 'categoryId' | 'inStock'
>;

export function toSearchItem(hit: estypes.SearchHit<ResultDocument>): SearchItem {
  const doc = hit._source!;
  return {
    id: doc.id,
    name: doc.name ?? '',
    description: doc.description ?? '',
    price: doc.price ?? { amount: 0, currency: '' },
    categoryId: doc.categoryId,
    inStock: doc.inStock,
    score: hit._score ?? 0,
  };
}

const totalOf = (total: number | estypes.SearchTotalHits | undefined): number =>
  typeof total === 'number' ? total : (total?.value ?? 0);

/** Maps Elasticsearch's answer to the API's shape; category names are filled in by the caller. */
export function toSearchResult(
  response: estypes.SearchResponse<ResultDocument>,
  page: { page: number; limit: number },
): SearchResult {
  const aggs = (response.aggregations ?? {}) as FacetAggregations;
  const stock = aggs.inStock?.values?.buckets;
  return {
    items: response.hits.hits.filter((hit) => hit._source).map(toSearchItem),
    total: totalOf(response.hits.total),
    page: page.page,
    limit: page.limit,
    facets: {
      categories: (aggs.categories?.ids?.buckets ?? []).map((bucket) => ({
        id: bucket.key,
        name: bucket.key,
        count: bucket.doc_count,
      })),
      priceRanges: (aggs.priceRanges?.ranges?.buckets ?? []).map((bucket) => ({
        from: bucket.from ?? 0,
        to: bucket.to ?? null,
        count: bucket.doc_count,
      })),
      inStock: { true: stock?.true?.doc_count ?? 0, false: stock?.false?.doc_count ?? 0 },
    },
  };
}

/**
 * Names the category facets. A category the directory does not know (deleted, or its event not
 * applied yet) keeps its facet, named by its id: its products are still in the hits and its id still
 * filters, and the id is a string like any name, so the answer keeps the documented shape. Such an
 * answer is cached like any other, since the event that names the category also retires it (see
 * CategoryUpdates). Only an answer built without the directory (`names` undefined: Redis away) is
 * not kept: the names are likely there on the next call.
 */
export function withCategoryNames(
  result: SearchResult,
  names: ReadonlyMap<string, string> | undefined,
): { value: SearchResult; cacheable: boolean } {
  return {
    value: {
      ...result,
      facets: {
        ...result.facets,
        categories: result.facets.categories.map((facet) => ({
          ...facet,
          name: names?.get(facet.id) ?? facet.id,
        })),
      },
    },
    cacheable: names !== undefined,
  };
}
