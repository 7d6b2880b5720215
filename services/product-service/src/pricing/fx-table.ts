import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { PricingErrors } from './pricing.errors';

/** Exchange rates from `base`: units of the currency per unit of `base`, as exact decimal strings. */
export interface FxTable {
  base: string;
  rates: Readonly<Record<string, string>>;
}

export const MAX_RATES = 200;

/** A positive decimal with at most 9 integer and 12 fraction digits, e.g. "1.0835" or "161.2". */
const RATE_PATTERN = /^(?:0|[1-9]\d{0,8})(?:\.\d{1,12})?$/;

export function rateOf(table: FxTable | undefined, from: string, to: string): string | undefined {
  if (!table || table.base !== from || !Object.hasOwn(table.rates, to)) return undefined;
  return table.rates[to];
}

/**
 * Checks an admin's new rate table against the configured base currency: 422 when it is quoted from
 * another base, 400 naming every bad entry otherwise. Rates must be strings so that "1.10" reaches
 * the database exactly as typed, not as the float 1.1000000000000000888.
 */
export function parseFxTable(
  input: { base: string; rates: Record<string, unknown> },
  baseCurrency: string,
): FxTable {
  if (input.base !== baseCurrency) throw PricingErrors.fxBaseMismatch(baseCurrency);
  const errors: Record<string, string[]> = {};
  const entries = Object.entries(input.rates);
  if (entries.length > MAX_RATES) errors.rates = [`at most ${MAX_RATES} rates`];
  const rates: Record<string, string> = {};
  for (const [currency, rate] of entries) {
    const problems: string[] = [];
    if (!CURRENCY_PATTERN.test(currency)) problems.push('the key must be an ISO 4217 code such as USD');
    else if (currency === baseCurrency) problems.push('the base currency has no rate to itself');
    if (typeof rate !== 'string' || !RATE_PATTERN.test(rate))
      problems.push('must be a decimal string such as "1.0835"');
    else if (!/[1-9]/.test(rate)) problems.push('must be greater than 0');
    if (problems.length) errors[`rates.${currency}`] = problems;
    else rates[currency] = rate as string;
  }
  if (Object.keys(errors).length) throw PricingErrors.invalidRates(errors);
  return { base: baseCurrency, rates };
}
