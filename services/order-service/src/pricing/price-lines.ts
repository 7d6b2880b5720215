import { convertMoney, MoneyError, multiplyMoney, sumMoney, type Money } from '@ecommerce/contracts';
import type { OrderLine } from '../orders/order.model';
import { OrderErrors } from '../orders/orders.errors';
import type { CatalogPrice } from './catalog-prices.repository';

/** Exchange rates from `base`: units of the currency per unit of `base`, as decimal strings. */
export interface FxTable {
  base: string;
  rates: Readonly<Record<string, string>>;
}

export interface RequestedLine {
  productId: string;
  quantity: number;
}

export const MAX_LINE_QUANTITY = 999;
export const MAX_LINES = 100;

/**
 * One line per product: a product listed twice is merged into one line with the quantities added
 * (as a cart would hold it). The merged quantity obeys the same 1..999 limit as any line.
 */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of lines) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  const result = [...merged].map(([productId, quantity]) => ({ productId, quantity }));
  const tooMany = result.find((line) => line.quantity > MAX_LINE_QUANTITY);
  if (tooMany)
    throw OrderErrors.invalid(
      'items',
      `product ${tooMany.productId} adds up to ${tooMany.quantity} units; at most ${MAX_LINE_QUANTITY} per product`,
    );
  if (result.length > MAX_LINES)
    throw OrderErrors.invalid('items', `at most ${MAX_LINES} different products per order`);
  return result;
}

/**
 * The unit price in `currency` exactly as product-service shows it: the base price when it is in
 * that currency, else an explicit price in it (an admin's choice wins over arithmetic), else the
 * base price converted with the FX table. `undefined` when there is no rate to convert with.
 */
export function unitPriceIn(
  product: Pick<CatalogPrice, 'price' | 'prices'>,
  currency: string,
  fx: FxTable | undefined,
): Money | undefined {
  if (product.price.currency === currency) return product.price;
  const explicit = product.prices.find((price) => price.currency === currency);
  if (explicit) return explicit;
  if (!fx || fx.base !== product.price.currency || !Object.hasOwn(fx.rates, currency)) return undefined;
  try {
    return convertMoney(product.price, currency, fx.rates[currency]);
  } catch (error) {
    if (error instanceof MoneyError) return undefined;
    throw error;
  }
}

/** Whether pricing `lines` in `currency` may need the FX table (so it is only fetched then). */
export const needsFx = (products: Iterable<CatalogPrice>, currency: string): boolean =>
  [...products].some(
    (product) =>
      product.price.currency !== currency && !product.prices.some((price) => price.currency === currency),
  );

/**
 * Prices every line from the read model; nothing the client sent about money is used. Unknown and
 * inactive products are refused together (422 naming each one), as is a currency with no rate.
 */
export function priceLines(
  lines: readonly RequestedLine[],
  currency: string,
  catalog: ReadonlyMap<string, CatalogPrice>,
  fx: FxTable | undefined,
): { items: OrderLine[]; total: Money } {
  const unavailable = lines
    .filter((line) => !catalog.get(line.productId)?.active)
    .map((line) => line.productId);
  if (unavailable.length > 0) throw OrderErrors.productUnavailable(unavailable);
  const items = lines.map(({ productId, quantity }): OrderLine => {
    const product = catalog.get(productId)!;
    const unitPrice = unitPriceIn(product, currency, fx);
    if (!unitPrice) throw OrderErrors.noExchangeRate(currency, productId);
    return {
      productId,
      name: product.name,
      unitPrice,
      quantity,
      lineTotal: multiplyMoney(unitPrice, quantity),
    };
  });
  return {
    items,
    total: sumMoney(
      items.map((item) => item.lineTotal),
      currency,
    ),
  };
}
