import type { Tx } from '@ecommerce/database';
import type { Refund, RefundSource } from './refund';

type RefundRow = Omit<Refund, 'amount'> & { amount: string };

const COLUMNS = `id, payment_id AS "paymentId", amount, status, source, provider_ref AS "providerRef", failure_code AS "failureCode",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const toRefund = (row: RefundRow): Refund => ({ ...row, amount: Number(row.amount) });

/** Refunds; every method runs on the caller's transaction. */
export const RefundsRepository = {
  async insert(
    tx: Tx,
    refund: {
      id: string;
      paymentId: string;
      amount: number;
      source: RefundSource;
      status?: 'PENDING' | 'SUCCEEDED';
    },
  ): Promise<Refund> {
    const [row]: RefundRow[] = await tx.query(
      `INSERT INTO refunds (id, payment_id, amount, status, source) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [refund.id, refund.paymentId, refund.amount, refund.status ?? 'PENDING', refund.source],
    );
    return toRefund(row!);
  },

  async find(tx: Tx, id: string): Promise<Refund | undefined> {
    const rows: RefundRow[] = await tx.query(`SELECT ${COLUMNS} FROM refunds WHERE id = $1`, [id]);
    return rows[0] && toRefund(rows[0]);
  },

  async lock(tx: Tx, id: string): Promise<Refund | undefined> {
    const rows: RefundRow[] = await tx.query(`SELECT ${COLUMNS} FROM refunds WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && toRefund(rows[0]);
  },

  /** What is refunded or being refunded: the part of a payment no new refund may touch. */
  async committedAmount(tx: Tx, paymentId: string): Promise<number> {
    const [row]: { total: string }[] = await tx.query(
      `SELECT coalesce(sum(amount), 0) AS total FROM refunds WHERE payment_id = $1 AND status <> 'FAILED'`,
      [paymentId],
    );
    return Number(row!.total);
  },

  async markSucceeded(tx: Tx, id: string, providerRef: string | null): Promise<void> {
    await tx.query(
      `UPDATE refunds SET status = 'SUCCEEDED', provider_ref = coalesce($2, provider_ref), updated_at = now() WHERE id = $1`,
      [id, providerRef],
    );
  },

  async markFailed(tx: Tx, id: string, failureCode: string): Promise<void> {
    await tx.query(
      `UPDATE refunds SET status = 'FAILED', failure_code = $2, updated_at = now() WHERE id = $1`,
      [id, failureCode],
    );
  },

  /** Still pending at the provider: remember its reference and look again later. */
  async touchPending(tx: Tx, id: string, providerRef: string | null): Promise<void> {
    await tx.query(
      `UPDATE refunds SET provider_ref = coalesce($2, provider_ref), updated_at = now() WHERE id = $1`,
      [id, providerRef],
    );
  },

  /** PENDING refunds untouched since `before`, locked, skipping those being worked on right now. */
  async lockStalePending(tx: Tx, before: Date, limit: number): Promise<Refund[]> {
    const rows: RefundRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM refunds WHERE status = 'PENDING' AND updated_at < $1 ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
    return rows.map(toRefund);
  },
};
