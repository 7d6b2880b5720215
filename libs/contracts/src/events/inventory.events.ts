import { Topics } from '../topics';
import { dateTime, defineEvent, nonNegativeInt, objectSchema, positiveInt, uuid } from './define';

export interface ReserveStock {
  orderId: string;
  items: { productId: string; quantity: number }[];
  expiresAt: string;
}
export interface ReservationRef {
  orderId: string;
  reservationId: string;
}
export interface StockReserved {
  orderId: string;
  reservationId: string;
  items: { productId: string; quantity: number; warehouseId: string }[];
}
export interface ReservationFailed {
  orderId: string;
  reason: 'OUT_OF_STOCK';
  items: { productId: string; requested: number; available: number }[];
}
export interface StockChanged {
  productId: string;
  available: number;
}
export interface LowStock {
  productId: string;
  available: number;
  threshold: number;
}

const reservationRef = objectSchema({ orderId: uuid, reservationId: uuid });

export const InventoryCommands = {
  reserve: defineEvent({
    type: 'inventory.reserve',
    version: 1,
    topic: Topics.inventoryCommands,
    summary: 'Reserve every line of an order, all or none, until expiresAt.',
    schema: objectSchema({
      orderId: uuid,
      items: { type: 'array', minItems: 1, items: objectSchema({ productId: uuid, quantity: positiveInt }) },
      expiresAt: dateTime,
    }),
  }),
  release: defineEvent({
    type: 'inventory.release',
    version: 1,
    topic: Topics.inventoryCommands,
    summary: 'Give a reservation back to available stock (idempotent).',
    schema: reservationRef,
  }),
  commit: defineEvent({
    type: 'inventory.commit',
    version: 1,
    topic: Topics.inventoryCommands,
    summary: 'Turn a reservation into a stock decrement (idempotent).',
    schema: reservationRef,
  }),
} as const;

export const InventoryEvents = {
  reserved: defineEvent({
    type: 'inventory.reserved',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'Every line of the order is reserved.',
    schema: objectSchema({
      orderId: uuid,
      reservationId: uuid,
      items: {
        type: 'array',
        items: objectSchema({ productId: uuid, quantity: positiveInt, warehouseId: uuid }),
      },
    }),
  }),
  reservationFailed: defineEvent({
    type: 'inventory.reservation-failed',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'Nothing was reserved; the lines that lacked stock are listed.',
    schema: objectSchema({
      orderId: uuid,
      reason: { enum: ['OUT_OF_STOCK'] },
      items: {
        type: 'array',
        items: objectSchema({ productId: uuid, requested: positiveInt, available: nonNegativeInt }),
      },
    }),
  }),
  released: defineEvent({
    type: 'inventory.released',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'A reservation was released (by command or by expiry).',
    schema: reservationRef,
  }),
  committed: defineEvent({
    type: 'inventory.committed',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'A reservation became a stock decrement.',
    schema: reservationRef,
  }),
  stockChanged: defineEvent({
    type: 'inventory.stock-changed',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'The available quantity of a product changed.',
    schema: objectSchema({ productId: uuid, available: nonNegativeInt }),
  }),
  lowStock: defineEvent({
    type: 'inventory.low-stock',
    version: 1,
    topic: Topics.inventoryEvents,
    summary: 'A product fell to or below its low-stock threshold (published once per crossing).',
    schema: objectSchema({ productId: uuid, available: nonNegativeInt, threshold: nonNegativeInt }),
  }),
} as const;
