import { randomUUID } from 'node:crypto';
import type { Database } from '@ecommerce/database';
import { eventually } from '@ecommerce/testing';
import type { TestPublisher } from '@ecommerce/testing';

/**
 * A new consumer group starting at the topics' ends pins its offsets on its first fetch; anything
 * published before that would be missed. Waits until a user.updated is applied, which proves the
 * group fetched user.events (it joins all four topics at once).
 */
export async function waitForConsumers(db: Database, publisher: TestPublisher): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const userId = randomUUID();
    await publisher.publish(
      'user.updated',
      userId,
      { userId, email: `warmup-${userId}@example.com`, name: 'Warm-up', roles: ['customer'] },
      'user-service',
    );
    try {
      await eventually(
        async () => {
          const rows: unknown[] = await db.manager.query(`SELECT 1 FROM users WHERE user_id = $1`, [userId]);
          if (rows.length === 0) throw new Error('not consumed yet');
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
      return;
    } catch {
      // Published before the first fetch: try again with a fresh user.
    }
  }
  throw new Error('the notification consumers did not start within 30 s');
}
