import type { ClientBase } from 'pg';

/** An outbox row as the relay reads it: the value is the stored envelope, re-serialised by PostgreSQL. */
export interface PendingRow {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

// Two-key advisory lock: a fixed class id for "outbox relay" and the schema, so services sharing a
// database server (or tests sharing a database) each get their own leader.
const LOCK_KEYS = `hashtext('ecommerce.outbox_relay'), hashtext(current_schema())`;

/**
 * The relay's SQL, on its dedicated connection. The two statements of every poll are named, so
 * PostgreSQL parses and plans them once per connection: planning the pending query took about ten
 * times as long as running it.
 */
export const outboxStore = {
  async tryLock(client: ClientBase): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS locked`,
    );
    return rows[0]?.locked === true;
  },

  async unlock(client: ClientBase): Promise<void> {
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`);
  },

  /**
   * Unpublished rows in id order, leaving out parked rows and every later row of a parked row's
   * (topic, key): they wait behind it so their key's order holds, while other keys flow.
   */
  async pending(client: ClientBase, limit: number): Promise<PendingRow[]> {
    const { rows } = await client.query<PendingRow>({
      name: 'outbox-pending',
      text: `SELECT o.id, o.event_id AS "eventId", o.topic, o.message_key AS key, o.payload::text AS value, o.headers
         FROM outbox_messages o
        WHERE o.published_at IS NULL
          AND o.parked_at IS NULL
          AND NOT EXISTS (
                SELECT 1 FROM outbox_messages p
                 WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL
                   AND p.topic = o.topic AND p.message_key = o.message_key AND p.id < o.id)
        ORDER BY o.id
        LIMIT $1`,
      values: [limit],
    });
    return rows;
  },

  /** Kafka refused the row for good: keep it, with why, until an operator retries it. */
  async park(client: ClientBase, id: string, error: string): Promise<void> {
    await client.query(`UPDATE outbox_messages SET parked_at = now(), park_error = $2 WHERE id = $1`, [
      id,
      error,
    ]);
  },

  async parkedCount(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE parked_at IS NOT NULL AND published_at IS NULL`,
    );
    return rows[0]?.count ?? 0;
  },

  async markPublished(client: ClientBase, ids: readonly string[]): Promise<void> {
    await client.query({
      name: 'outbox-mark-published',
      text: `UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::bigint[])`,
      values: [ids],
    });
  },

  async backlog(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE published_at IS NULL`,
    );
    return rows[0]?.count ?? 0;
  },

  /** Deletes published rows older than the retention, in chunks so no statement holds locks for long. */
  async purgePublished(client: ClientBase, retentionMs: number, chunk = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await client.query(
        `DELETE FROM outbox_messages WHERE id IN (
           SELECT id FROM outbox_messages
            WHERE published_at < now() - make_interval(secs => $1::double precision / 1000)
            LIMIT $2)`,
        [retentionMs, chunk],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < chunk) return total;
    }
  },

  async purgeInbox(client: ClientBase, retentionMs: number): Promise<number> {
    const { rowCount } = await client.query(
      `DELETE FROM inbox_messages WHERE processed_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [retentionMs],
    );
    return rowCount ?? 0;
  },
};
