import type { Tx } from '@ecommerce/database';
import type { Payment } from './payment';
import type { FailureReason, PaymentStatus } from './payment-state';

interface PaymentRow extends Omit<Payment, 'amount' | 'refundedAmount'> {
  amount: string;
  currency: string;
  refundedAmount: string;
}

const COLUMNS = `id, order_id AS "orderId", user_id AS "userId", amount, currency, refunded_amount AS "refundedAmount", status,
  payment_method AS "paymentMethod", provider, provider_ref AS "providerRef", idempotency_key AS "idempotencyKey",
  failure_reason AS "failureReason", failure_code AS "failureCode", created_at AS "createdAt", updated_at AS "updatedAt"`;

const toPayment = ({ amount, currency, refundedAmount, ...row }: PaymentRow): Payment => ({
  ...row,
  amount: { amount: Number(amount), currency: currency.trim() },
  refundedAmount: Number(refundedAmount),
});

export type NewPayment = Pick<
  Payment,
  'id' | 'orderId' | 'userId' | 'amount' | 'paymentMethod' | 'provider' | 'idempotencyKey'
>;

export interface PaymentUpdate {
  status: PaymentStatus;
  refundedAmount: number;
  providerRef?: string | null;
  failureReason?: FailureReason | null;
  failureCode?: string | null;
}

/** Payments; every method runs on the caller's transaction. */
export const PaymentsRepository = {
  /**
   * The order's one payment: inserted PENDING, or the existing one when the order already has it (a
   * concurrent duplicate waits on the unique index until the first transaction ends, then reads it).
   *
   * The conflict has no target on purpose: the charge key is derived from the order, so a duplicate
   * can meet the first insert on either unique index, and naming only `order_id` turned the race on
   * `idempotency_key` into a unique violation.
   */
  async claim(tx: Tx, payment: NewPayment): Promise<{ payment: Payment; created: boolean }> {
    const inserted: PaymentRow[] = await tx.query(
      `INSERT INTO payments (id, order_id, user_id, amount, currency, status, payment_method, provider, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        payment.id,
        payment.orderId,
        payment.userId,
        payment.amount.amount,
        payment.amount.currency,
        payment.paymentMethod,
        payment.provider,
        payment.idempotencyKey,
      ],
    );
    if (inserted[0]) return { payment: toPayment(inserted[0]), created: true };
    const existing: PaymentRow[] = await tx.query(`SELECT ${COLUMNS} FROM payments WHERE order_id = $1`, [
      payment.orderId,
    ]);
    return { payment: toPayment(existing[0]!), created: false };
  },

  /** Locks one payment: every change to it (charge answer, webhook, refund, reconciliation) queues here. */
  async lock(tx: Tx, id: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await tx.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] && toPayment(rows[0]);
  },

  async lockByProviderRef(tx: Tx, providerRef: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM payments WHERE provider_ref = $1 FOR UPDATE`,
      [providerRef],
    );
    return rows[0] && toPayment(rows[0]);
  },

  async find(tx: Tx, id: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await tx.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [id]);
    return rows[0] && toPayment(rows[0]);
  },

  /** The caller's own payments: the user id is part of the query, so another user's never come back. */
  async listOwn(tx: Tx, userId: string, orderId: string | undefined, limit: number): Promise<Payment[]> {
    const rows: PaymentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM payments WHERE user_id = $1 AND ($2::uuid IS NULL OR order_id = $2) ORDER BY created_at DESC, id LIMIT $3`,
      [userId, orderId ?? null, limit],
    );
    return rows.map(toPayment);
  },

  /** Any user's payments, for admins. */
  async listAll(tx: Tx, orderId: string | undefined, limit: number): Promise<Payment[]> {
    const rows: PaymentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM payments WHERE ($1::uuid IS NULL OR order_id = $1) ORDER BY created_at DESC, id LIMIT $2`,
      [orderId ?? null, limit],
    );
    return rows.map(toPayment);
  },

  /** The payment's user's attempts in the hour up to that payment (itself included), for the velocity rule. */
  async countAttemptsInHourBefore(tx: Tx, paymentId: string): Promise<number> {
    // The timestamps are compared inside PostgreSQL: a JavaScript Date would drop the microseconds.
    const [row]: { count: string }[] = await tx.query(
      `SELECT count(*) AS count FROM payments p, payments this
        WHERE this.id = $1 AND p.user_id = this.user_id
          AND p.created_at > this.created_at - interval '1 hour' AND p.created_at <= this.created_at`,
      [paymentId],
    );
    return Number(row!.count);
  },

  async update(tx: Tx, id: string, update: PaymentUpdate): Promise<void> {
    await tx.query(
      `UPDATE payments SET status = $2, refunded_amount = $3,
              provider_ref = CASE WHEN $4::boolean THEN $5 ELSE provider_ref END,
              failure_reason = CASE WHEN $6::boolean THEN $7 ELSE failure_reason END,
              failure_code = CASE WHEN $6::boolean THEN $8 ELSE failure_code END,
              updated_at = now()
        WHERE id = $1`,
      [
        id,
        update.status,
        update.refundedAmount,
        update.providerRef !== undefined,
        update.providerRef ?? null,
        update.failureReason !== undefined,
        update.failureReason ?? null,
        update.failureCode ?? null,
      ],
    );
  },

  /** PENDING payments untouched since `before`, locked, skipping those being worked on right now. */
  async lockStalePending(tx: Tx, before: Date, limit: number): Promise<Payment[]> {
    const rows: PaymentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM payments WHERE status = 'PENDING' AND updated_at < $1 ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
    return rows.map(toPayment);
  },

  /** Payments changed since they were last compared with the provider, within the window. */
  async lockUnreconciled(tx: Tx, since: Date, limit: number): Promise<Payment[]> {
    const rows: PaymentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM payments
        WHERE status <> 'PENDING' AND provider_ref IS NOT NULL AND updated_at >= $1
          AND (reconciled_at IS NULL OR reconciled_at < updated_at)
        ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [since, limit],
    );
    return rows.map(toPayment);
  },

  async markReconciled(tx: Tx, id: string): Promise<void> {
    // Set just after updated_at, so a change in the same transaction does not count as unreconciled.
    await tx.query(`UPDATE payments SET reconciled_at = greatest(now(), updated_at) WHERE id = $1`, [id]);
  },
};
