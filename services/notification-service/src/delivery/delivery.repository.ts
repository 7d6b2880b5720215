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
   * Logs the attempts and applies their outcomes, one statement each for the whole batch. A
   * notification is only updated while it is still PENDING on this very attempt: a dispatcher whose
   * claim timed out and was taken over cannot overwrite the newer attempt's result (its attempt is
   * logged all the same). Returns the ids of the notifications updated.
   */
  async recordAttempts(tx: Tx, records: readonly AttemptRecord[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const column = <K extends keyof AttemptRecord>(key: K) => records.map((record) => record[key]);
    await tx.query(
      `INSERT INTO delivery_attempts (notification_id, attempt, transport, outcome, response_code, error, duration_ms)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[])`,
      [
        column('notificationId'),
        column('attempt'),
        column('transport'),
        column('outcome'),
        column('responseCode'),
        column('error'),
        column('durationMs'),
      ],
    );
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await tx.query(
      `UPDATE notifications n
          SET status = CASE a.outcome WHEN 'RETRY' THEN 'PENDING' ELSE a.outcome END,
              sent_at = CASE a.outcome WHEN 'SENT' THEN now() ELSE n.sent_at END,
              last_error = a.error,
              transport = a.transport,
              next_attempt_at = CASE a.outcome WHEN 'RETRY' THEN now() + make_interval(secs => a.retry_in_ms / 1000) ELSE n.next_attempt_at END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::double precision[])
                AS a (id, attempt, outcome, error, transport, retry_in_ms)
        WHERE n.id = a.id AND n.attempts = a.attempt AND n.status = 'PENDING'
        RETURNING n.id`,
      [
        column('notificationId'),
        column('attempt'),
        column('outcome'),
        column('error'),
        column('transport'),
        column('retryInMs'),
      ],
    )) as [{ id: string }[], number];
    return new Set(rows.map((row) => row.id));
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
