import { DomainError } from '@ecommerce/http';
import {
  buildSearchRequest,
  normalizeSearch,
  priceBuckets,
  textQuery,
  type SearchParams,
} from './search-request';

const base: SearchParams = { q: '', sort: 'relevance', page: 1, limit: 20 };
const CATEGORY = '3f0e1d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c';

describe('normalizeSearch', () => {
  it('normalises the text', () => {
    expect(normalizeSearch({ ...base, q: '  Wireless  HEADPHONES ' }).q).toBe('wireless headphones');
    expect(normalizeSearch({ ...base, q: undefined }).q).toBe('');
  });

  it('refuses an inverted price range and pages past the result window as validation errors', () => {
    const inverted = () => normalizeSearch({ ...base, minPrice: 500, maxPrice: 100 });
    expect(inverted).toThrow(DomainError);
    expect(inverted).toThrow(
      expect.objectContaining({ kind: 'invalid', details: { errors: { minPrice: [expect.any(String)] } } }),
    );
    expect(() => normalizeSearch({ ...base, page: 101, limit: 100 })).toThrow(
      expect.objectContaining({ kind: 'invalid' }),
    );
    expect(normalizeSearch({ ...base, page: 100, limit: 100 }).page).toBe(100);
    expect(normalizeSearch({ ...base, minPrice: 100, maxPrice: 100 }).minPrice).toBe(100);
  });
});

describe('textQuery', () => {
  it('browses everything for an empty text', () => {
    expect(textQuery('')).toEqual({ match_all: {} });
  });

  it('uses only analysed, fuzzy match queries, so no input is query syntax', () => {
    const json = JSON.stringify(textQuery('name:foo AND ('));
    expect(json).not.toContain('query_string');
    expect(json).toContain('"fuzziness":"AUTO"');
    expect(json).toContain('"name^3"');
    expect(json).toContain('"query":"name:foo AND ("');
  });
});

describe('buildSearchRequest', () => {
  it('only ever returns live products', () => {
    const request = buildSearchRequest('products', base, [1_000]);
    expect(request.query).toEqual({
      bool: { must: [{ match_all: {} }], filter: [{ term: { status: 'live' } }] },
    });
  });

  it('filters hits after the facets, and counts each facet under every filter but its own', () => {
    const request = buildSearchRequest(
      'products',
      { ...base, categoryId: CATEGORY, minPrice: 1_000, inStock: true },
      [1_000],
    );
    const category = { term: { categoryId: CATEGORY } };
    const price = { range: { priceAmount: { gte: 1_000, lte: undefined } } };
    const stock = { term: { inStock: true } };
    expect(request.post_filter).toEqual({ bool: { filter: [category, price, stock] } });
    const aggs = request.aggs as Record<string, { filter: unknown }>;
    expect(aggs.categories!.filter).toEqual({ bool: { filter: [price, stock] } });
    expect(aggs.priceRanges!.filter).toEqual({ bool: { filter: [category, stock] } });
    expect(aggs.inStock!.filter).toEqual({ bool: { filter: [category, price] } });
  });

  it('pages, sorts with a stable tie-breaker and always reports scores and exact totals', () => {
    const request = buildSearchRequest(
      'products',
      { ...base, sort: 'price_desc', page: 3, limit: 10 },
      [1_000],
    );
    expect(request).toMatchObject({ from: 20, size: 10, track_total_hits: true, track_scores: true });
    expect(request.sort).toEqual([
      { priceAmount: { order: 'desc', missing: '_last' } },
      { id: { order: 'asc' } },
    ]);
    expect(buildSearchRequest('p', { ...base, sort: 'newest' }, []).sort).toEqual([
      { createdAt: { order: 'desc' } },
      { id: { order: 'asc' } },
    ]);
  });
});

describe('priceBuckets', () => {
  it('covers everything from 0 with an open last bucket', () => {
    expect(priceBuckets([1_000, 5_000])).toEqual([
      { from: 0, to: 1_000 },
      { from: 1_000, to: 5_000 },
      { from: 5_000 },
    ]);
  });
});
