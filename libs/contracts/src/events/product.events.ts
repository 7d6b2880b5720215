import { moneySchema, type Money } from '../money';
import { Topics } from '../topics';
import { dateTime, defineEvent, objectSchema, uuid } from './define';

/** The product as product-service's API returns it. */
export interface ProductSnapshot {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  price: Money;
  prices: Money[];
  images: string[];
  attributes: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductDeleted {
  productId: string;
}

const productSchema = objectSchema({
  id: uuid,
  sku: { type: 'string', minLength: 1 },
  name: { type: 'string', minLength: 1 },
  description: { type: 'string' },
  categoryId: { type: ['string', 'null'] },
  price: moneySchema,
  prices: { type: 'array', items: moneySchema },
  images: { type: 'array', items: { type: 'string' } },
  attributes: { type: 'object' },
  active: { type: 'boolean' },
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const ProductEvents = {
  created: defineEvent({
    type: 'product.created',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A product was added to the catalog.',
    schema: productSchema,
  }),
  updated: defineEvent({
    type: 'product.updated',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A product changed (name, price, category, ...). Carries the whole product.',
    schema: productSchema,
  }),
  deleted: defineEvent({
    type: 'product.deleted',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A product was soft-deleted (no longer sold or searchable).',
    schema: objectSchema({ productId: uuid }),
  }),
} as const;
