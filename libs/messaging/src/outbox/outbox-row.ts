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
export function toOutboxRow(envelope: EventEnvelope, topic: string, traceHeaders: Record<string, string>): OutboxRow {
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
