import {
  attributeProblems,
  canonicalJson,
  changesOf,
  checkPricing,
  type ProductFields,
} from './product-rules';

const current: ProductFields = {
  sku: 'AUR-1',
  name: 'Aurora',
  description: 'Headphones',
  categoryId: 'c1',
  price: { amount: 12999, currency: 'EUR' },
  prices: [{ amount: 13900, currency: 'USD' }],
  images: ['https://example.com/a.jpg'],
  attributes: { color: 'black', wireless: true },
};

describe('checkPricing', () => {
  it('returns the explicit prices sorted by currency, as stored', () => {
    expect(
      checkPricing(
        { amount: 100, currency: 'EUR' },
        [
          { amount: 120, currency: 'USD' },
          { amount: 90, currency: 'GBP' },
        ],
        'EUR',
      ),
    ).toEqual([
      { amount: 90, currency: 'GBP' },
      { amount: 120, currency: 'USD' },
    ]);
  });

  it('answers 422 when the base price is not in the base currency', () => {
    expect(() => checkPricing({ amount: 100, currency: 'USD' }, [], 'EUR')).toThrow(
      expect.objectContaining({ code: 'PRICE_NOT_IN_BASE_CURRENCY', kind: 'unprocessable' }),
    );
  });

  it('answers 400 for a repeated currency or the base currency among explicit prices', () => {
    const run = () =>
      checkPricing(
        { amount: 100, currency: 'EUR' },
        [
          { amount: 1, currency: 'USD' },
          { amount: 2, currency: 'USD' },
          { amount: 3, currency: 'EUR' },
        ],
        'EUR',
      );
    expect(run).toThrow(
      expect.objectContaining({
        kind: 'invalid',
        details: { errors: { prices: [expect.stringContaining('USD'), expect.stringContaining('EUR')] } },
      }),
    );
  });
});

describe('attributeProblems', () => {
  it('accepts scalars and lists of scalars', () => {
    expect(
      attributeProblems({
        color: 'black',
        weightGrams: 250,
        wireless: true,
        sizes: ['S', 'M'],
        codes: [1, 2],
      }),
    ).toEqual([]);
  });

  it('refuses nested objects, nulls, lists of objects and too many attributes', () => {
    expect(attributeProblems({ dims: { w: 1 } })).toHaveLength(1);
    expect(attributeProblems({ nothing: null })).toHaveLength(1);
    expect(attributeProblems({ list: [{ a: 1 }] })).toHaveLength(1);
    expect(attributeProblems({ huge: 'x'.repeat(501) })).toHaveLength(1);
    expect(attributeProblems({ nan: Number.NaN })).toHaveLength(1);
    expect(
      attributeProblems(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))),
    ).toContain('at most 50 attributes');
  });
});

describe('changesOf', () => {
  it('keeps only fields that really change', () => {
    expect(changesOf(current, { name: 'Aurora', price: { amount: 12999, currency: 'EUR' } })).toBeUndefined();
    expect(changesOf(current, {})).toBeUndefined();
    expect(changesOf(current, { name: 'Aurora 2', price: { amount: 11999, currency: 'EUR' } })).toEqual({
      name: 'Aurora 2',
      price: { amount: 11999, currency: 'EUR' },
    });
  });

  it('compares attributes whatever their key order', () => {
    expect(changesOf(current, { attributes: { wireless: true, color: 'black' } })).toBeUndefined();
    expect(changesOf(current, { attributes: { color: 'white', wireless: true } })).toEqual({
      attributes: { color: 'white', wireless: true },
    });
  });

  it('treats null categoryId as a change (uncategorise) and undefined as "not given"', () => {
    expect(changesOf(current, { categoryId: null })).toEqual({ categoryId: null });
    expect(changesOf(current, { categoryId: undefined })).toBeUndefined();
    expect(changesOf({ ...current, categoryId: null }, { categoryId: null })).toBeUndefined();
  });

  it('sees an emptied list as a change', () => {
    expect(changesOf(current, { prices: [] })).toEqual({ prices: [] });
    expect(changesOf(current, { images: [] })).toEqual({ images: [] });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, 1] } })).toBe('{"a":{"c":[3,1],"d":2},"b":1}');
  });
});
