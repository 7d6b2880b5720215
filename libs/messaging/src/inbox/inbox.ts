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
