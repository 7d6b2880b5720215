import type { EventEnvelope } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';

/**
 * Records that `consumerGroup` is applying `envelope`, in the transaction that applies it.
 * Returns false when the event was already applied: the caller must then skip the effect.
 * A concurrent duplicate blocks on the primary key until the first transaction ends, so two
 * replicas can never both apply one event.
 */
export async function recordInInbox(
  tx: Tx,
  consumerGroup: string,
  envelope: EventEnvelope,
): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO inbox_messages (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
     ON CONFLICT (consumer_group, event_id) DO NOTHING
     RETURNING event_id`,
    [consumerGroup, envelope.id, envelope.type],
  );
  return inserted.length === 1;
}

/**
 * `recordInInbox` for a batch, with one statement: returns the ids of the events recorded now, so an
 * event missing from the answer was applied before (or appears earlier in the same batch) and its
 * effect must be skipped.
 */
export async function recordAllInInbox(
  tx: Tx,
  consumerGroup: string,
  envelopes: readonly EventEnvelope[],
): Promise<Set<string>> {
  if (envelopes.length === 0) return new Set();
  const inserted: Array<{ event_id: string }> = await tx.query(
    `INSERT INTO inbox_messages (consumer_group, event_id, event_type)
     SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS e (id, type, n)
      ORDER BY e.n
     ON CONFLICT (consumer_group, event_id) DO NOTHING
     RETURNING event_id`,
    [consumerGroup, envelopes.map((envelope) => envelope.id), envelopes.map((envelope) => envelope.type)],
  );
  return new Set(inserted.map((row) => row.event_id));
}
