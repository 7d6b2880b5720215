import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import type { Channel } from '../preferences/preference-rules';
import type { AttemptOutcome } from './retry-schedule';

/** A notification a dispatcher has claimed for one attempt. */
export interface ClaimedNotification {
  id: string;
  eventId: string;
  template: string;
  channel: Channel;
  userId: string | null;
  email: string | null;
  subject: string;
  body: string;
  /** This attempt's number (the claim counts it). */
  attempts: number;
}

export interface AttemptRecord {
  notificationId: string;
  attempt: number;
  transport: string;
  outcome: AttemptOutcome;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
  retryInMs: number;
}

// Claims due notifications with SKIP LOCKED, so replicas take disjoint batches, and moves each one's
// next_attempt_at past the claim timeout in the same statement: the claim outlives this statement
// without holding a transaction open during the HTTP call, and if the replica dies mid-send the
// notification becomes due again once the timeout has passed. The recipient is resolved here too:
// a payment.failed recorded before the order's owner was known finds them now, and an address
// unknown when the event arrived is taken from the directory.
const CLAIM_SQL = `
  WITH due AS (
    SELECT n.id, coalesce(n.user_id, o.user_id) AS user_id, coalesce(n.email, u.email) AS email
      FROM notifications n
      LEFT JOIN orders o ON o.order_id = n.order_id
      LEFT JOIN users u ON u.user_id = coalesce(n.user_id, o.user_id)
     WHERE n.status = 'PENDING' AND n.next_attempt_at <= now()
     ORDER BY n.next_attempt_at, n.id
     LIMIT $1
       FOR UPDATE OF n SKIP LOCKED
  )
  UPDATE notifications n
     SET attempts = n.attempts + 1,
         next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
         user_id = due.user_id,
         email = due.email,
         updated_at = now()
    FROM due
   WHERE n.id = due.id
  RETURNING n.id, n.event_id AS "eventId", n.template, n.channel, n.user_id AS "userId", n.email, n.subject, n.body, n.attempts`;

export const DeliveryRepository = {
  async claim(db: EntityManager, batchSize: number, claimTimeoutMs: number): Promise<ClaimedNotification[]> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await db.query(CLAIM_SQL, [batchSize, claimTimeoutMs])) as [
      ClaimedNotification[],
      number,
    ];
    return rows;
  },

  /**
   * Logs the attempt and applies its outcome. The update only matches while the notification is
   * still PENDING on this very attempt: a dispatcher whose claim timed out and was taken over cannot
   * overwrite the newer attempt's result. Returns whether the notification was updated.
   */
  async recordAttempt(tx: Tx, record: AttemptRecord): Promise<boolean> {
    await tx.query(
      `INSERT INTO delivery_attempts (notification_id, attempt, transport, outcome, response_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.notificationId,
        record.attempt,
        record.transport,
        record.outcome,
        record.responseCode,
        record.error,
        record.durationMs,
      ],
    );
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await tx.query(
      `UPDATE notifications
          SET status = CASE $3::text WHEN 'RETRY' THEN 'PENDING' ELSE $3::text END,
              sent_at = CASE $3::text WHEN 'SENT' THEN now() ELSE sent_at END,
              last_error = $4,
              transport = $5,
              next_attempt_at = CASE $3::text WHEN 'RETRY' THEN now() + make_interval(secs => $6::double precision / 1000) ELSE next_attempt_at END,
              updated_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'PENDING'
        RETURNING id`,
      [
        record.notificationId,
        record.attempt,
        record.outcome,
        record.error,
        record.transport,
        record.retryInMs,
      ],
    )) as [unknown[], number];
    return rows.length > 0;
  },

  /** Notifications waiting to be sent, and how long until the next one is due (null: none waiting). */
  async backlog(db: EntityManager): Promise<{ pending: number; nextDueInMs: number | null }> {
    const [row] = (await db.query(
      `SELECT count(*)::int AS pending, (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS "nextDueInMs"
         FROM notifications WHERE status = 'PENDING'`,
    )) as { pending: number; nextDueInMs: number | null }[];
    return row;
  },
};
