import { randomUUID } from 'node:crypto';
import type { Database } from '@ecommerce/database';
import { eventually } from '@ecommerce/testing';
import { productSnapshot } from './fixtures';
import type { TestPublisher } from '@ecommerce/testing';

/**
 * A new consumer group starting at the topics' ends pins its offsets on its first fetch; anything
 * published before that would be missed. Waits until one product.created is applied, which proves
 * the group fetched all its partitions.
 */
export async function waitForConsumers(db: Database, publisher: TestPublisher): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const productId = randomUUID();
    await publisher.publish('product.created', productId, productSnapshot(productId), 'product-service');
    try {
      await eventually(
        async () => {
          const rows: unknown[] = await db.manager.query(`SELECT 1 FROM products WHERE product_id = $1`, [
            productId,
          ]);
          if (rows.length === 0) throw new Error('not consumed yet');
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
      return;
    } catch {
      // Published before the first fetch: try again with a fresh product.
    }
  }
  throw new Error('the inventory consumers did not start within 30 s');
}
