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

/** The advisory-lock key of one (topic, key): publish order only matters within it. A topic name has no spaces. */
export const orderingKey = (row: Pick<OutboxRow, 'topic' | 'messageKey'>): string =>
  `${row.topic} ${row.messageKey}`;

export const OUTBOX_INSERT = `INSERT INTO outbox_messages (event_id, topic, message_key, event_type, payload, headers)
SELECT r.event_id, r.topic, r.message_key, r.event_type, r.payload, r.headers
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY
       AS r (event_id, topic, message_key, event_type, payload, headers, n)
 WHERE (SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
          FROM (SELECT k FROM unnest($7::text[]) WITH ORDINALITY AS u (k, n) ORDER BY n) AS sorted) >= 0
 ORDER BY r.n`;

/**
 * One statement for all rows: it first locks every distinct (topic, key) until the transaction ends,
 * in sorted order so that concurrent writers of the same keys queue instead of deadlocking, and only
 * then inserts the rows, which get consecutive ids in order. The lock is a one-time filter of the
 * insert's source, which PostgreSQL evaluates before producing any row, so no id is drawn before the
 * lock is held (an integration test checks the ids a waiting writer gets). The 64-bit hash leaves
 * collisions (which only make unrelated writers wait) negligible. Arrays keep the statement's text
 * the same whatever the number of rows.
 */
export function outboxInsert(rows: readonly OutboxRow[]): { sql: string; params: unknown[] } {
  if (rows.length === 0) throw new Error('outboxInsert needs at least one row');
  const keys = [...new Set(rows.map(orderingKey))].sort();
  return {
    sql: OUTBOX_INSERT,
    params: [
      rows.map((row) => row.eventId),
      rows.map((row) => row.topic),
      rows.map((row) => row.messageKey),
      rows.map((row) => row.eventType),
      rows.map((row) => JSON.stringify(row.payload)),
      rows.map((row) => JSON.stringify(row.headers)),
      keys,
    ],
  };
}
