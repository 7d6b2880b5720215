import { multiplyMoney, sumMoney, type Money } from '@ecommerce/contracts';
import type { KnownProduct } from '../catalog/last-known.store';
import type { CartLine } from './cart-lines';

export interface CartItemView {
  productId: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  available: boolean;
  /** The price is the last known one: product-service could not be asked. */
  priceStale: boolean;
  /** `available` rests on the last known stock (or none): inventory-service could not be asked. */
  availabilityStale: boolean;
}

export interface CartView {
  /** Null for a guest who has not put anything in a cart yet. */
  id: string | null;
  items: CartItemView[];
  subtotal: Money;
  itemCount: number;
  /** When the oldest price shown was known to be current; null for an empty cart. */
  pricesAsOf: string | null;
}

/** Everything known about one line when the cart is shown. */
export interface PricedLine {
  line: CartLine;
  product: KnownProduct;
  priceStale: boolean;
  /** False once product-service says the product does not exist. */
  exists: boolean;
  /** Units that can be bought; null when unknown. */
  available: number | null;
  availabilityStale: boolean;
}

function isAvailable(priced: PricedLine): boolean {
  if (!priced.exists || !priced.product.active) return false;
  return priced.available === null || priced.line.quantity <= priced.available;
}

/** The cart as the API shows it: all money in integer minor units of the cart's currency. */
export function buildCartView(id: string | null, lines: readonly PricedLine[], currency: string): CartView {
  const items = lines.map((priced): CartItemView => ({
    productId: priced.line.productId,
    name: priced.product.name,
    unitPrice: priced.product.price,
    quantity: priced.line.quantity,
    lineTotal: multiplyMoney(priced.product.price, priced.line.quantity),
    available: isAvailable(priced),
    priceStale: priced.priceStale,
    availabilityStale: priced.availabilityStale,
  }));
  const asOf = lines.map((priced) => priced.product.asOf).sort()[0];
  return {
    id,
    items,
    subtotal: sumMoney(
      items.map((item) => item.lineTotal),
      currency,
    ),
    itemCount: items.reduce((count, item) => count + item.quantity, 0),
    pricesAsOf: asOf ?? null,
  };
}
