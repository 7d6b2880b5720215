import type { EventEnvelope } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';
import { eventually, type TopicRecorder } from '@ecommerce/testing';

/**
 * The answers this app instance published for an order, as they arrived on Kafka. Other
 * payment-service instances on the same brokers (the natively started platform) answer the test's
 * commands too; only envelopes that this instance's outbox wrote are this test's answers.
 */
export class Answers {
  constructor(
    private readonly db: Database,
    private readonly recorder: TopicRecorder,
  ) {}

  async of(orderId: string, type?: string): Promise<EventEnvelope[]> {
    const rows: { eventId: string }[] = await this.db.manager.query(
      `SELECT event_id AS "eventId" FROM outbox_messages WHERE message_key = $1`,
      [orderId],
    );
    const own = new Set(rows.map((row) => row.eventId));
    return this.recorder.messages
      .filter(
        (m) =>
          m.key === orderId && own.has(m.envelope.id) && (type === undefined || m.envelope.type === type),
      )
      .map((m) => m.envelope);
  }

  /** Waits for the n-th answer (1-based) to arrive on Kafka. */
  nth(orderId: string, n: number, type?: string): Promise<EventEnvelope> {
    return eventually(async () => {
      const found = await this.of(orderId, type);
      if (found.length < n) throw new Error(`${found.length} answers for ${orderId}`);
      return found[n - 1]!;
    });
  }
}
