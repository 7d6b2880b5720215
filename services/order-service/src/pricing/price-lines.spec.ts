import { DomainError } from '@ecommerce/http';
import type { CatalogPrice } from './catalog-prices.repository';
import { mergeLines, needsFx, priceLines, unitPriceIn, type FxTable } from './price-lines';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const P3 = '00000000-0000-4000-8000-000000000003';

const product = (productId: string, overrides: Partial<CatalogPrice> = {}): CatalogPrice => ({
  productId,
  name: `Product ${productId.slice(-1)}`,
  active: true,
  price: { amount: 1999, currency: 'EUR' },
  prices: [],
  ...overrides,
});

const fx: FxTable = { base: 'EUR', rates: { USD: '1.0835', JPY: '161.2' } };

const domainError = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('unitPriceIn', () => {
  it('uses the base price in its own currency, an explicit price before a conversion, else converts', () => {
    const shirt = product(P1, { prices: [{ amount: 2199, currency: 'USD' }] });
    expect(unitPriceIn(shirt, 'EUR', fx)).toEqual({ amount: 1999, currency: 'EUR' });
    expect(unitPriceIn(shirt, 'USD', fx)).toEqual({ amount: 2199, currency: 'USD' });
    // 19.99 EUR * 161.2 = 3222.388 JPY -> 3222 (no minor unit)
    expect(unitPriceIn(shirt, 'JPY', fx)).toEqual({ amount: 3222, currency: 'JPY' });
    // 19.99 EUR * 1.0835 = 21.659165 USD -> 2166 cents
    expect(unitPriceIn(product(P2), 'USD', fx)).toEqual({ amount: 2166, currency: 'USD' });
  });

  it('has no price without a rate, or with a table from another base', () => {
    expect(unitPriceIn(product(P1), 'GBP', fx)).toBeUndefined();
    expect(unitPriceIn(product(P1), 'USD', undefined)).toBeUndefined();
    expect(unitPriceIn(product(P1), 'USD', { base: 'USD', rates: { USD: '1' } })).toBeUndefined();
  });
});

describe('mergeLines', () => {
  it('merges a product listed twice into one line, keeping first-seen order', () => {
    expect(
      mergeLines([
        { productId: P1, quantity: 2 },
        { productId: P2, quantity: 1 },
        { productId: P1, quantity: 3 },
      ]),
    ).toEqual([
      { productId: P1, quantity: 5 },
      { productId: P2, quantity: 1 },
    ]);
  });

  it('refuses a merged quantity above 999 with a 400 naming the product', () => {
    const error = domainError(() =>
      mergeLines([
        { productId: P1, quantity: 600 },
        { productId: P1, quantity: 400 },
      ]),
    );
    expect(error.kind).toBe('invalid');
    expect(error.details.errors?.items?.[0]).toContain(P1);
  });
});

describe('priceLines', () => {
  const catalog = new Map([
    [P1, product(P1)],
    [
      P2,
      product(P2, { price: { amount: 500, currency: 'EUR' }, prices: [{ amount: 600, currency: 'USD' }] }),
    ],
    [P3, product(P3, { active: false })],
  ]);

  it('locks name, unit price and line total from the catalog and sums the total', () => {
    const priced = priceLines(
      [
        { productId: P1, quantity: 2 },
        { productId: P2, quantity: 3 },
      ],
      'EUR',
      catalog,
      undefined,
    );
    expect(priced.items).toEqual([
      {
        productId: P1,
        name: 'Product 1',
        unitPrice: { amount: 1999, currency: 'EUR' },
        quantity: 2,
        lineTotal: { amount: 3998, currency: 'EUR' },
      },
      {
        productId: P2,
        name: 'Product 2',
        unitPrice: { amount: 500, currency: 'EUR' },
        quantity: 3,
        lineTotal: { amount: 1500, currency: 'EUR' },
      },
    ]);
    expect(priced.total).toEqual({ amount: 5498, currency: 'EUR' });
  });

  it('prices another currency line by line (explicit or converted)', () => {
    const priced = priceLines(
      [
        { productId: P1, quantity: 1 },
        { productId: P2, quantity: 2 },
      ],
      'USD',
      catalog,
      fx,
    );
    expect(priced.items.map((item) => item.lineTotal.amount)).toEqual([2166, 1200]);
    expect(priced.total).toEqual({ amount: 3366, currency: 'USD' });
  });

  it('refuses unknown and inactive products together, naming each (422)', () => {
    const unknown = '00000000-0000-4000-8000-00000000000f';
    const error = domainError(() =>
      priceLines(
        [
          { productId: P1, quantity: 1 },
          { productId: P3, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ],
        'EUR',
        catalog,
        undefined,
      ),
    );
    expect(error).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', kind: 'unprocessable' });
    expect(error.details.extensions).toEqual({ productIds: [P3, unknown] });
  });

  it('refuses a currency it cannot price (422)', () => {
    expect(domainError(() => priceLines([{ productId: P1, quantity: 1 }], 'GBP', catalog, fx))).toMatchObject(
      { code: 'NO_EXCHANGE_RATE', kind: 'unprocessable' },
    );
  });

  it('knows when the FX table is needed at all', () => {
    expect(needsFx(catalog.values(), 'EUR')).toBe(false);
    expect(needsFx([catalog.get(P2)!], 'USD')).toBe(false);
    expect(needsFx(catalog.values(), 'USD')).toBe(true);
  });
});
