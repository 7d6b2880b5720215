import { randomUUID } from 'node:crypto';
import type { Database } from '@ecommerce/database';
import { eventually } from '@ecommerce/testing';
import type { TestPublisher } from '@ecommerce/testing';

/**
 * A new consumer group starting at the topics' ends pins its offsets on its first fetch; anything
 * published before that would be missed. Waits until one authorize command is handled, which proves
 * the group fetched its partitions.
 */
export async function waitForConsumers(db: Database, publisher: TestPublisher): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const orderId = randomUUID();
    await publisher.publish('payment.authorize', orderId, {
      orderId,
      userId: randomUUID(),
      amount: { amount: 100, currency: 'EUR' },
      paymentMethod: 'pm_card_visa',
    });
    try {
      await eventually(
        async () => {
          const rows: unknown[] = await db.manager.query(
            `SELECT 1 FROM payments WHERE order_id = $1 AND status <> 'PENDING'`,
            [orderId],
          );
          if (rows.length === 0) throw new Error('not consumed yet');
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
      return;
    } catch {
      // Published before the first fetch: try again with a fresh order.
    }
  }
  throw new Error('the payment consumer did not start within 30 s');
}
