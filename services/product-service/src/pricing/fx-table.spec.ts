import { parseFxTable, rateOf } from './fx-table';

const errorsOf = (run: () => unknown): Record<string, string[]> => {
  try {
    run();
  } catch (error) {
    return (error as { details: { errors: Record<string, string[]> } }).details.errors;
  }
  throw new Error('expected a validation error');
};

describe('parseFxTable', () => {
  it('accepts decimal strings quoted from the base currency, exactly as typed', () => {
    expect(
      parseFxTable(
        { base: 'EUR', rates: { USD: '1.0835', GBP: '0.8571', JPY: '161', CHF: '0.9400' } },
        'EUR',
      ),
    ).toEqual({
      base: 'EUR',
      rates: { USD: '1.0835', GBP: '0.8571', JPY: '161', CHF: '0.9400' },
    });
    expect(parseFxTable({ base: 'EUR', rates: {} }, 'EUR')).toEqual({ base: 'EUR', rates: {} });
  });

  it('refuses a table quoted from another base with 422', () => {
    expect(() => parseFxTable({ base: 'USD', rates: { EUR: '0.92' } }, 'EUR')).toThrow(
      expect.objectContaining({ code: 'FX_BASE_MISMATCH', kind: 'unprocessable' }),
    );
  });

  it('names every bad entry in one 400', () => {
    const errors = errorsOf(() =>
      parseFxTable(
        {
          base: 'EUR',
          rates: {
            USD: 1.08,
            usd: '1.08',
            GBP: '-0.85',
            CHF: '0',
            JPY: '1e3',
            SEK: '11.',
            EUR: '1',
            NOK: '0.000',
          },
        },
        'EUR',
      ),
    );
    expect(Object.keys(errors).sort()).toEqual([
      'rates.CHF',
      'rates.EUR',
      'rates.GBP',
      'rates.JPY',
      'rates.NOK',
      'rates.SEK',
      'rates.USD',
      'rates.usd',
    ]);
    expect(errors['rates.USD']).toEqual(['must be a decimal string such as "1.0835"']);
    expect(errors['rates.usd']).toEqual(['the key must be an ISO 4217 code such as USD']);
    expect(errors['rates.CHF']).toEqual(['must be greater than 0']);
    expect(errors['rates.EUR']).toEqual(['the base currency has no rate to itself']);
  });

  it('caps the size of the table', () => {
    const rates = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [
        `A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
        '1',
      ]),
    );
    expect(errorsOf(() => parseFxTable({ base: 'EUR', rates }, 'EUR')).rates).toEqual(['at most 200 rates']);
  });
});

describe('rateOf', () => {
  it('finds a rate only from the table base', () => {
    const table = { base: 'EUR', rates: { USD: '1.08' } };
    expect(rateOf(table, 'EUR', 'USD')).toBe('1.08');
    expect(rateOf(table, 'USD', 'EUR')).toBeUndefined();
    expect(rateOf(table, 'EUR', 'GBP')).toBeUndefined();
    expect(rateOf(undefined, 'EUR', 'USD')).toBeUndefined();
  });
});
