import { DomainError } from '@ecommerce/http';

export const PricingErrors = {
  noRate: (currency: string) =>
    new DomainError(
      'NO_EXCHANGE_RATE',
      'unprocessable',
      `No price in ${currency} and no exchange rate to ${currency}.`,
      {
        extensions: { currency },
      },
    ),
  conversionOutOfRange: (currency: string) =>
    new DomainError(
      'PRICE_CONVERSION_OUT_OF_RANGE',
      'unprocessable',
      `The price converted to ${currency} is out of range.`,
      {
        extensions: { currency },
      },
    ),
  fxBaseMismatch: (expected: string) =>
    new DomainError(
      'FX_BASE_MISMATCH',
      'unprocessable',
      `Exchange rates are kept from the base currency ${expected}.`,
      {
        extensions: { base: expected },
      },
    ),
  invalidRates: (errors: Record<string, string[]>) =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', { errors }),
};
