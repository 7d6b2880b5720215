import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../common/returning';

export interface StoredKey {
  requestHash: string;
  orderId: string;
}

export type KeyClaim = { claimed: true } | { claimed: false; existing: StoredKey };

/** Idempotency keys per user: the first request with a key claims it for its order. */
export const IdempotencyRepository = {
  /** A live (unexpired) key, read before doing any work so a replay costs one query. */
  async findLive(db: EntityManager, userId: string, key: string): Promise<StoredKey | undefined> {
    const rows: StoredKey[] = await db.query(
      `SELECT request_hash AS "requestHash", order_id AS "orderId" FROM idempotency_keys
        WHERE user_id = $1 AND idempotency_key = $2 AND expires_at > now()`,
      [userId, key],
    );
    return rows[0];
  },

  /**
   * Insert first, in the order's own transaction. A concurrent request with the same key blocks on
   * the primary key until this transaction ends, then finds the committed row (and answers with its
   * order) or, if this one rolled back, claims the key itself. An expired key is taken over.
   */
  async claim(
    tx: Tx,
    userId: string,
    key: string,
    requestHash: string,
    orderId: string,
    ttlHours: number,
  ): Promise<KeyClaim> {
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, order_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
       ON CONFLICT (user_id, idempotency_key) DO UPDATE SET
         request_hash = excluded.request_hash, order_id = excluded.order_id, created_at = now(), expires_at = excluded.expires_at
       WHERE idempotency_keys.expires_at <= now()
       RETURNING order_id`,
      [userId, key, requestHash, orderId, ttlHours],
    );
    if (claimed.length === 1) return { claimed: true };
    const rows: StoredKey[] = await tx.query(
      `SELECT request_hash AS "requestHash", order_id AS "orderId" FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return { claimed: false, existing: rows[0] };
  },

  /** Forgets expired keys, a batch at a time. */
  async purgeExpired(db: EntityManager, limit: number): Promise<number> {
    const result: unknown = await db.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT $1) RETURNING 1`,
      [limit],
    );
    return returnedRows(result).length;
  },
};
