/** An amount in integer minor units (cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/** Minor-unit exponents that differ from the usual 2. */
const MINOR_UNIT_EXPONENTS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function minorUnitExponent(currency: string): number {
  return MINOR_UNIT_EXPONENTS[currency] ?? 2;
}

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new MoneyError(`amount must be an integer number of minor units, got ${amount}`);
  if (!CURRENCY_PATTERN.test(currency))
    throw new MoneyError(`currency must be an ISO 4217 code, got "${currency}"`);
  return { amount, currency };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function multiplyMoney(price: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError(`quantity must be an integer, got ${quantity}`);
  return money(price.amount * quantity, price.currency);
}

export function sumMoney(items: readonly Money[], currency: string): Money {
  return items.reduce((total, item) => addMoney(total, item), money(0, currency));
}

/**
 * Converts with an exchange rate (units of `to` per unit of `from`), rounding half away from zero
 * to the target currency's minor unit. The rate is a decimal string so no precision is lost before
 * the single rounding step.
 */
export function convertMoney(value: Money, to: string, rate: string | number): Money {
  if (value.currency === to) return value;
  const numericRate = typeof rate === 'number' ? rate : Number(rate);
  if (!Number.isFinite(numericRate) || numericRate <= 0)
    throw new MoneyError(`invalid exchange rate ${rate}`);
  const scale = 10 ** (minorUnitExponent(to) - minorUnitExponent(value.currency));
  const raw = value.amount * numericRate * scale;
  const rounded = Math.sign(raw) * Math.round(Math.abs(raw) + Number.EPSILON * Math.abs(raw));
  return money(rounded, to);
}

/** JSON schema of a Money value, for event contracts. */
export const moneySchema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: {
    amount: { type: 'integer' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
} as const;
