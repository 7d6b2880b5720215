import { convertMoney, MoneyError, type Money } from '@ecommerce/contracts';
import { rateOf, type FxTable } from './fx-table';
import { PricingErrors } from './pricing.errors';

export interface Priced {
  /** The base price, in the base currency. */
  price: Money;
  /** Prices set explicitly per currency, e.g. a rounded "19.99 USD". */
  prices: readonly Money[];
}

/**
 * The price to show in `currency`: the base price when it is already in that currency, else an
 * explicit price in it (an admin's choice always wins over arithmetic), else the base price converted
 * with the FX table. 422 when none applies.
 */
export function priceIn(product: Priced, currency: string, fx: FxTable | undefined): Money {
  if (product.price.currency === currency) return product.price;
  const explicit = product.prices.find((price) => price.currency === currency);
  if (explicit) return explicit;
  const rate = rateOf(fx, product.price.currency, currency);
  if (rate === undefined) throw PricingErrors.noRate(currency);
  try {
    return convertMoney(product.price, currency, rate);
  } catch (error) {
    if (error instanceof MoneyError) throw PricingErrors.conversionOutOfRange(currency);
    throw error;
  }
}

/** Whether showing prices in `currency` may need the FX table (so it is loaded only then). */
export const needsFx = (currency: string, baseCurrency: string): boolean => currency !== baseCurrency;
