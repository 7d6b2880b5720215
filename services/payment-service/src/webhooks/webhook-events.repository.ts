import type { Tx } from '@ecommerce/database';

export const WebhookEventsRepository = {
  /** False when the event was seen before: Stripe retries deliveries, the effect must happen once. */
  async record(tx: Tx, eventId: string, type: string): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO webhook_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING 1`,
      [eventId, type],
    );
    return inserted.length === 1;
  },
};
