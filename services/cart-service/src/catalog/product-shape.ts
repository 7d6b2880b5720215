import { CURRENCY_PATTERN, type Money } from '@ecommerce/contracts';
import { z } from 'zod';

const moneySchema = z.object({ amount: z.number().int(), currency: z.string().regex(CURRENCY_PATTERN) });

/** What the cart needs of product-service's `GET /api/products/:id` (more fields are ignored). */
const productSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1),
  price: moneySchema,
  prices: z.array(moneySchema).optional(),
  active: z.boolean(),
  updatedAt: z.string().datetime({ offset: true }).optional(),
});

/** What the cart needs of inventory-service's `GET /api/inventory/:productId`. */
const stockSchema = z.object({ productId: z.string().uuid(), available: z.number().int() });

/** A product as the cart uses it: its price already in the cart's currency. */
export interface ProductFacts {
  id: string;
  name: string;
  price: Money;
  active: boolean;
  /** Epoch ms of the product's last change; orders the writes into the last-known store. */
  version: number;
}

/** Picks the price in `currency` from product-service's answer; throws when there is none. */
export function productFactsFrom(body: unknown, currency: string): ProductFacts {
  const product = productSchema.parse(body);
  const price =
    product.price.currency === currency
      ? product.price
      : product.prices?.find((p) => p.currency === currency);
  if (!price) throw new Error(`product ${product.id} has no price in ${currency}`);
  return {
    id: product.id,
    name: product.name,
    price: { amount: price.amount, currency: price.currency },
    active: product.active,
    version: product.updatedAt ? Date.parse(product.updatedAt) : 0,
  };
}

export function availableFrom(body: unknown): number {
  return Math.max(0, stockSchema.parse(body).available);
}
