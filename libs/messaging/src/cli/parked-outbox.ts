import type { ClientBase } from 'pg';

/** An outbox row the relay parked because Kafka refuses it for good. */
export interface ParkedOutboxRow {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  type: string;
  parkedAt: string;
  error: string;
  /** Unpublished rows of the same topic and key waiting behind it. */
  waitingBehind: number;
  bytes: number;
}

export async function listParkedOutbox(client: ClientBase, limit = 100): Promise<ParkedOutboxRow[]> {
  const { rows } = await client.query<ParkedOutboxRow>(
    `SELECT p.id, p.event_id AS "eventId", p.topic, p.message_key AS key, p.event_type AS type,
            to_char(p.parked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "parkedAt", p.park_error AS error,
            (SELECT count(*)::int FROM outbox_messages w
              WHERE w.published_at IS NULL AND w.topic = p.topic AND w.message_key = p.message_key AND w.id > p.id) AS "waitingBehind",
            octet_length(p.payload::text) AS bytes
       FROM outbox_messages p
      WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL
      ORDER BY p.id
      LIMIT $1`,
    [limit],
  );
  return rows;
}

export type ParkedSelection = { all: true } | { ids: string[] };

/**
 * Un-parks rows so the relay tries them again (once the topic exists, the broker's limit is raised,
 * or the row was fixed by hand), and wakes the relay. A row that is still refused is parked again.
 * Returns the ids released.
 */
export async function retryParkedOutbox(client: ClientBase, selection: ParkedSelection): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE outbox_messages SET parked_at = NULL, park_error = NULL
      WHERE parked_at IS NOT NULL AND published_at IS NULL AND ($1::boolean OR id = ANY($2::bigint[]))
      RETURNING id`,
    ['all' in selection, 'ids' in selection ? selection.ids : []],
  );
  // The relay listens on this channel; it reads everything unpublished when woken.
  if (rows.length > 0) await client.query(`SELECT pg_notify('outbox', current_schema())`);
  return rows.map((row) => row.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}
