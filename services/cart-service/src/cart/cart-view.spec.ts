import type { KnownProduct } from '../catalog/last-known.store';
import { buildCartView, type PricedLine } from './cart-view';

const product = (id: string, amount: number, overrides: Partial<KnownProduct> = {}): KnownProduct => ({
  id,
  name: `Product ${id}`,
  price: { amount, currency: 'EUR' },
  active: true,
  version: 1,
  asOf: '2026-01-01T10:00:00.000Z',
  ...overrides,
});

const priced = (
  id: string,
  amount: number,
  quantity: number,
  overrides: Partial<PricedLine> = {},
): PricedLine => ({
  line: { productId: id, quantity, addedAt: 0 },
  product: product(id, amount),
  priceStale: false,
  exists: true,
  available: 100,
  availabilityStale: false,
  ...overrides,
});

describe('buildCartView', () => {
  it('multiplies and sums in integer minor units', () => {
    // 0.1 + 0.2 style amounts: 3 x 19.99 + 7 x 0.10 + 1 x 1234.56 = 1295.23
    const cart = buildCartView(
      'cart-1',
      [priced('a', 1999, 3), priced('b', 10, 7), priced('c', 123456, 1)],
      'EUR',
    );
    expect(cart.items.map((item) => item.lineTotal)).toEqual([
      { amount: 5997, currency: 'EUR' },
      { amount: 70, currency: 'EUR' },
      { amount: 123456, currency: 'EUR' },
    ]);
    expect(cart.subtotal).toEqual({ amount: 129523, currency: 'EUR' });
    expect(cart.itemCount).toBe(11);
    expect(cart.id).toBe('cart-1');
  });

  it('is an empty cart with a zero subtotal in the cart currency', () => {
    expect(buildCartView('cart-2', [], 'EUR')).toEqual({
      id: 'cart-2',
      items: [],
      subtotal: { amount: 0, currency: 'EUR' },
      itemCount: 0,
      pricesAsOf: null,
    });
  });

  it('marks lines unavailable above stock, for inactive or vanished products, and not when stock is unknown', () => {
    const cart = buildCartView(
      'c',
      [
        priced('a', 100, 5, { available: 4 }),
        priced('b', 100, 4, { available: 4 }),
        priced('c', 100, 1, { product: product('c', 100, { active: false }) }),
        priced('d', 100, 1, { exists: false, priceStale: true }),
        priced('e', 100, 1, { available: null, availabilityStale: true }),
      ],
      'EUR',
    );
    expect(cart.items.map((item) => [item.productId, item.available])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
      ['d', false],
      ['e', true],
    ]);
    expect(cart.items[3]?.priceStale).toBe(true);
    expect(cart.items[4]?.availabilityStale).toBe(true);
  });

  it('reports the oldest price time as pricesAsOf', () => {
    const cart = buildCartView(
      'c',
      [
        priced('a', 1, 1, { product: product('a', 1, { asOf: '2026-01-02T00:00:00.000Z' }) }),
        priced('b', 1, 1, { product: product('b', 1, { asOf: '2026-01-01T00:00:00.000Z' }) }),
      ],
      'EUR',
    );
    expect(cart.pricesAsOf).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses to add prices in different currencies', () => {
    expect(() =>
      buildCartView(
        'c',
        [priced('a', 1, 1, { product: product('a', 1, { price: { amount: 1, currency: 'USD' } }) })],
        'EUR',
      ),
    ).toThrow('cannot combine');
  });
});
