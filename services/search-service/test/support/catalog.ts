import { randomUUID } from 'node:crypto';
import type { ProductSnapshot } from '@ecommerce/contracts';

/** A word no other product in any index contains, so a test's queries see only its own products. */
export function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return Array.from({ length: 9 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

let clock = Date.now();
/** Strictly increasing timestamps, so versions in a test never tie by accident. */
export const later = (): Date => new Date((clock = Math.max(clock + 1, Date.now())));

export function product(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  const at = later().toISOString();
  return {
    id: randomUUID(),
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: 'Plain Product',
    description: 'A product',
    categoryId: null,
    price: { amount: 1_000, currency: 'EUR' },
    prices: [],
    images: [],
    attributes: {},
    active: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** The same product as product-service would send it after an edit: a newer updatedAt. */
export const edited = (current: ProductSnapshot, changes: Partial<ProductSnapshot>): ProductSnapshot => ({
  ...current,
  ...changes,
  updatedAt: later().toISOString(),
});
