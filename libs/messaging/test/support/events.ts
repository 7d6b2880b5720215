import { randomUUID } from 'node:crypto';
import type { OutgoingEvent } from '@ecommerce/messaging';

/** A stock change whose `available` doubles as a per-product sequence number in ordering tests. */
export const stockChanged = (
  productId: string,
  available: number,
): OutgoingEvent<'inventory.stock-changed'> => ({
  type: 'inventory.stock-changed',
  aggregateId: productId,
  data: { productId, available },
});

export const productIds = (count: number): string[] => Array.from({ length: count }, () => randomUUID());
