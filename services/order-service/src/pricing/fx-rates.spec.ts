import { parseFxTable } from './fx-rates';

describe('parseFxTable', () => {
  it('keeps well-formed rates and drops anything it would not trust with money', () => {
    expect(
      parseFxTable({
        base: 'EUR',
        rates: { USD: '1.0835', GBP: 0.85, xx: '1', JPY: '-1', CHF: '0', SEK: '11.2' },
        updatedAt: null,
      }),
    ).toEqual({
      base: 'EUR',
      rates: { USD: '1.0835', SEK: '11.2' },
    });
  });

  it('throws on an answer without a base or rates', () => {
    expect(() => parseFxTable({ rates: {} })).toThrow();
    expect(() => parseFxTable({ base: 'EUR' })).toThrow();
    expect(() => parseFxTable(null)).toThrow();
  });
});
