import type { EventEnvelope, ReservationRef, ReserveStock } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';

/**
 * Before a batch of commands runs, locks every product any of them will touch, in product id order,
 * with one statement: the products of each reserve's items and the lines of each reservation a
 * commit or release names. Every later lock in the batch is then one the transaction holds already,
 * so two batches of different partitions queue on their first common product instead of each
 * holding what the other wants next (a deadlock PostgreSQL would break by aborting one of them).
 */
export async function lockProductsOfBatch(tx: Tx, events: readonly EventEnvelope[]): Promise<void> {
  const productIds = new Set<string>();
  const reservationIds = new Set<string>();
  for (const event of events) {
    if (event.type === 'inventory.reserve')
      for (const item of (event.data as ReserveStock).items) productIds.add(item.productId);
    else if (event.type === 'inventory.commit' || event.type === 'inventory.release')
      reservationIds.add((event.data as ReservationRef).reservationId);
  }
  if (productIds.size === 0 && reservationIds.size === 0) return;
  await tx.query(
    // One list of ids joined to products: an OR with a subquery made PostgreSQL read every product of
    // the catalog on every batch, where this can look each one up by its key.
    `SELECT product_id FROM products
      WHERE product_id IN (
              SELECT unnest($1::uuid[])
               UNION
              SELECT product_id FROM reservation_lines WHERE reservation_id = ANY($2::uuid[]))
      ORDER BY product_id
        FOR UPDATE`,
    [[...productIds], [...reservationIds]],
  );
}
