import { availableFrom, productFactsFrom } from './product-shape';

const id = '0b7c5b8e-5a4f-4d38-9a59-7f0a3b9c2d11';
const answer = {
  id,
  sku: 'SKU-1',
  name: 'Headphones',
  description: 'Closed-back',
  categoryId: null,
  price: { amount: 4999, currency: 'EUR' },
  prices: [
    { amount: 4999, currency: 'EUR' },
    { amount: 5499, currency: 'USD' },
  ],
  images: [],
  attributes: {},
  active: true,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
};

describe('productFactsFrom', () => {
  it('keeps what the cart needs, with the price in the cart currency', () => {
    expect(productFactsFrom(answer, 'EUR')).toEqual({
      id,
      name: 'Headphones',
      price: { amount: 4999, currency: 'EUR' },
      active: true,
      version: Date.parse('2026-01-02T10:00:00.000Z'),
    });
  });

  it('takes an explicit price from `prices` when the main price is in another currency', () => {
    expect(productFactsFrom(answer, 'USD').price).toEqual({ amount: 5499, currency: 'USD' });
  });

  it('rejects answers that break the contract', () => {
    expect(() => productFactsFrom(answer, 'GBP')).toThrow('no price in GBP');
    expect(() => productFactsFrom({ ...answer, price: { amount: 49.99, currency: 'EUR' } }, 'EUR')).toThrow();
    expect(() => productFactsFrom({ ...answer, active: 'yes' }, 'EUR')).toThrow();
    expect(() => productFactsFrom('<html>', 'EUR')).toThrow();
  });
});

describe('availableFrom', () => {
  it('reads the available count and never goes below zero', () => {
    expect(availableFrom({ productId: id, available: 7, reserved: 2, warehouses: [] })).toBe(7);
    expect(availableFrom({ productId: id, available: -1, reserved: 0, warehouses: [] })).toBe(0);
    expect(() => availableFrom({ productId: id })).toThrow();
  });
});
