import { DomainError } from '@ecommerce/http';
import { priceIn } from './price-selection';

const fx = { base: 'EUR', rates: { USD: '1.0835', GBP: '0.8571', JPY: '161.2', KWD: '0.3321' } };
const product = { price: { amount: 12999, currency: 'EUR' }, prices: [{ amount: 13900, currency: 'USD' }] };

describe('priceIn', () => {
  it('shows the base price in the base currency, whatever the FX table says', () => {
    expect(priceIn(product, 'EUR', fx)).toEqual({ amount: 12999, currency: 'EUR' });
    expect(priceIn(product, 'EUR', undefined)).toEqual({ amount: 12999, currency: 'EUR' });
  });

  it('prefers an explicit price over conversion', () => {
    expect(priceIn(product, 'USD', fx)).toEqual({ amount: 13900, currency: 'USD' });
  });

  it('converts with the rate when there is no explicit price, rounding half away from zero', () => {
    // 129.99 EUR * 0.8571 = 111.4144... GBP
    expect(priceIn(product, 'GBP', fx)).toEqual({ amount: 11141, currency: 'GBP' });
    // 50 cents * 1.0835 = 54.175 cents -> 54
    expect(priceIn({ price: { amount: 50, currency: 'EUR' }, prices: [] }, 'USD', fx)).toEqual({
      amount: 54,
      currency: 'USD',
    });
    // 10 cents * 1.0835 = 10.835 cents -> 11
    expect(priceIn({ price: { amount: 10, currency: 'EUR' }, prices: [] }, 'USD', fx)).toEqual({
      amount: 11,
      currency: 'USD',
    });
  });

  it('respects the minor units of the target currency', () => {
    // 129.99 EUR * 161.2 = 20954.388 JPY -> 20954 (no minor unit)
    expect(priceIn(product, 'JPY', fx)).toEqual({ amount: 20954, currency: 'JPY' });
    // 129.99 EUR * 0.3321 = 43.169679 KWD -> 43.170 (three decimals)
    expect(priceIn(product, 'KWD', fx)).toEqual({ amount: 43170, currency: 'KWD' });
  });

  it('answers 422 NO_EXCHANGE_RATE without an explicit price or a rate', () => {
    const attempt = () => priceIn(product, 'CHF', fx);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'NO_EXCHANGE_RATE', kind: 'unprocessable' }));
    expect(() => priceIn(product, 'GBP', undefined)).toThrow(
      expect.objectContaining({ code: 'NO_EXCHANGE_RATE' }),
    );
  });

  it('uses no rate quoted from another base', () => {
    expect(() => priceIn(product, 'GBP', { base: 'USD', rates: { GBP: '0.79' } })).toThrow(
      expect.objectContaining({ code: 'NO_EXCHANGE_RATE' }),
    );
  });

  it('ignores inherited object keys as currencies', () => {
    expect(() => priceIn(product, 'constructor', fx)).toThrow(
      expect.objectContaining({ code: 'NO_EXCHANGE_RATE' }),
    );
  });

  it('answers 422 instead of an unsafe integer when a conversion overflows', () => {
    const huge = { price: { amount: 100_000_000_000, currency: 'EUR' }, prices: [] };
    expect(() => priceIn(huge, 'KWD', { base: 'EUR', rates: { KWD: '999999999' } })).toThrow(
      expect.objectContaining({ code: 'PRICE_CONVERSION_OUT_OF_RANGE', kind: 'unprocessable' }),
    );
  });
});
