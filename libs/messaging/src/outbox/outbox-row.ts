import type { EventEnvelope } from '@ecommerce/contracts';

/** What `Outbox.add` writes for one event. */
export interface OutboxRow {
  eventId: string;
  topic: string;
  messageKey: string;
  eventType: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
}

/** Key = aggregate id, so Kafka keeps one aggregate's events in order; `type` rides along as a header. */
export function toOutboxRow(
  envelope: EventEnvelope,
  topic: string,
  traceHeaders: Record<string, string>,
): OutboxRow {
  return {
    eventId: envelope.id,
    topic,
    messageKey: envelope.aggregateId,
    eventType: envelope.type,
    payload: envelope,
    headers: { ...traceHeaders, type: envelope.type },
  };
}

const COLUMNS_PER_ROW = 6;

/** One multi-row INSERT for all rows: one round trip, and the rows get consecutive ids in order. */
export function outboxInsert(rows: readonly OutboxRow[]): { sql: string; params: unknown[] } {
  if (rows.length === 0) throw new Error('outboxInsert needs at least one row');
  const values = rows.map((_, index) => {
    const p = index * COLUMNS_PER_ROW;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
  });
  const params = rows.flatMap((row) => [
    row.eventId,
    row.topic,
    row.messageKey,
    row.eventType,
    JSON.stringify(row.payload),
    JSON.stringify(row.headers),
  ]);
  return {
    sql: `INSERT INTO outbox_messages (event_id, topic, message_key, event_type, payload, headers) VALUES ${values.join(', ')}`,
    params,
  };
}

/** The advisory-lock key of one (topic, key): publish order only matters within it. A topic name has no spaces. */
export const orderingKey = (row: Pick<OutboxRow, 'topic' | 'messageKey'>): string =>
  `${row.topic} ${row.messageKey}`;

/**
 * Locks every distinct (topic, key) of the rows until the transaction ends, in sorted order so that
 * concurrent writers of the same keys queue instead of deadlocking. One statement whatever the number
 * of keys; the 64-bit hash leaves collisions (which only make unrelated writers wait) negligible.
 */
export function lockKeysStatement(rows: readonly OutboxRow[]): { sql: string; params: unknown[] } {
  const keys = [...new Set(rows.map(orderingKey))].sort();
  return {
    sql: `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n) AS sorted`,
    params: [keys],
  };
}
