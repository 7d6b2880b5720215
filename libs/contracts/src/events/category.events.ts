import { Topics } from '../topics';
import { defineEvent, objectSchema, uuid } from './define';

/**
 * A category as product-service's API returns it, without `children`: the tree is rebuilt from
 * `parentId`, and an event about one category should not carry (or go stale with) its subtree.
 */
export interface CategorySnapshot {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
}

export interface CategoryDeleted {
  categoryId: string;
}

const categorySchema = objectSchema({
  id: uuid,
  name: { type: 'string', minLength: 1 },
  slug: { type: 'string', minLength: 1 },
  parentId: { type: ['string', 'null'], format: 'uuid' },
});

// On product.events with the products, keyed by the category id: a consumer orders one category's
// changes by the envelope's `occurredAt`, since a category carries no update time of its own.
export const CategoryEvents = {
  created: defineEvent({
    type: 'category.created',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A category was added to the catalog.',
    schema: categorySchema,
  }),
  updated: defineEvent({
    type: 'category.updated',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A category changed (renamed or moved under another parent). Carries the whole category.',
    schema: categorySchema,
  }),
  deleted: defineEvent({
    type: 'category.deleted',
    version: 1,
    topic: Topics.productEvents,
    summary: 'A category was removed from the catalog.',
    schema: objectSchema({ categoryId: uuid }),
  }),
} as const;
