import type { CancellationReason, Money, OrderStatus } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../common/returning';
import type { OrderLine, OrderRecord, ShippingAddress } from './order.model';
import type { PaymentStatus, SagaSnapshot, SagaStep } from './order-saga';
import type { StatusChange } from './status-channel';

interface OrderRow {
  id: string;
  userId: string;
  status: OrderStatus;
  cancellationReason: CancellationReason | null;
  currency: string;
  totalAmount: string;
  items: OrderLine[];
  shippingAddress: ShippingAddress;
  paymentMethod: string;
  reservationId: string | null;
  paymentId: string | null;
  paymentStatus: PaymentStatus | null;
  paymentAmount: string | null;
  refundedAmount: string;
  step: SagaStep | null;
  stepStartedAt: Date | null;
  stepDeadline: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, user_id AS "userId", status, cancellation_reason AS "cancellationReason", currency, total_amount AS "totalAmount",
  items, shipping_address AS "shippingAddress", payment_method AS "paymentMethod", reservation_id AS "reservationId",
  payment_id AS "paymentId", payment_status AS "paymentStatus", payment_amount AS "paymentAmount", refunded_amount AS "refundedAmount",
  step, step_started_at AS "stepStartedAt", step_deadline AS "stepDeadline", created_at AS "createdAt", updated_at AS "updatedAt"`;

// bigint comes back from pg as a string; amounts are far below 2^53.
function toRecord(row: OrderRow): OrderRecord {
  const money = (amount: string): Money => ({ amount: Number(amount), currency: row.currency });
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    cancellationReason: row.cancellationReason,
    total: money(row.totalAmount),
    items: row.items,
    shippingAddress: row.shippingAddress,
    paymentMethod: row.paymentMethod,
    reservationId: row.reservationId,
    payment:
      row.paymentId && row.paymentStatus
        ? {
            id: row.paymentId,
            status: row.paymentStatus,
            amount: row.paymentAmount === null ? null : money(row.paymentAmount),
          }
        : null,
    refunded: Number(row.refundedAmount),
    step: row.step,
    stepStartedAt: row.stepStartedAt,
    stepDeadline: row.stepDeadline,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface NewOrder {
  id: string;
  userId: string;
  total: Money;
  items: OrderLine[];
  shippingAddress: ShippingAddress;
  paymentMethod: string;
}

export interface OrderFilter {
  userId?: string;
  status?: OrderStatus;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: Date;
  detail: string | null;
}

/** Orders, their saga state and timeline. Writes run on the caller's transaction. */
export const OrdersRepository = {
  /** A new PENDING order waiting for its reservation until `stepTimeoutMs` from now; returns it as stored. */
  async insert(tx: Tx, order: NewOrder, stepTimeoutMs: number): Promise<OrderRecord> {
    const rows: OrderRow[] = await tx.query(
      `INSERT INTO orders (id, user_id, status, currency, total_amount, items, shipping_address, payment_method, step, step_started_at, step_deadline)
       VALUES ($1, $2, 'PENDING', $3, $4, $5::jsonb, $6::jsonb, $7, 'reservation', now(), now() + make_interval(secs => $8::double precision / 1000))
       RETURNING ${COLUMNS}`,
      [
        order.id,
        order.userId,
        order.total.currency,
        order.total.amount,
        JSON.stringify(order.items),
        JSON.stringify(order.shippingAddress),
        order.paymentMethod,
        stepTimeoutMs,
      ],
    );
    return toRecord(rows[0]);
  },

  /** Locks the order for a saga step; answers for one order queue here. */
  async lock(tx: Tx, id: string): Promise<OrderRecord | undefined> {
    const rows: OrderRow[] = await tx.query(`SELECT ${COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && toRecord(rows[0]);
  },

  /**
   * Claims sagas whose step deadline has passed, skipping those another replica (or an answer being
   * applied right now) holds, so sweepers share the work and never compensate one order twice.
   */
  async claimExpired(tx: Tx, limit: number): Promise<OrderRecord[]> {
    const rows: OrderRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM orders WHERE step_deadline <= now() ORDER BY step_deadline LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toRecord);
  },

  /**
   * Stores the saga's next snapshot. A new step starts its clock and deadline now; staying in the
   * same step keeps them; a state without a step clears them. Returns the stored `updatedAt`.
   */
  async saveSaga(
    tx: Tx,
    id: string,
    next: SagaSnapshot,
    step: SagaStep | null,
    stepChanged: boolean,
    stepTimeoutMs: number,
  ): Promise<Date> {
    const result: unknown = await tx.query(
      `UPDATE orders SET
         status = $2, cancellation_reason = $3, reservation_id = $4,
         payment_id = $5, payment_status = $6, payment_amount = $7, refunded_amount = $8,
         step = $9,
         step_started_at = CASE WHEN $9::text IS NULL THEN NULL WHEN $10 THEN now() ELSE step_started_at END,
         step_deadline = CASE WHEN $9::text IS NULL THEN NULL WHEN $10 THEN now() + make_interval(secs => $11::double precision / 1000) ELSE step_deadline END,
         updated_at = now()
       WHERE id = $1
       RETURNING updated_at AS "updatedAt"`,
      [
        id,
        next.status,
        next.cancellationReason,
        next.reservationId,
        next.payment?.id ?? null,
        next.payment?.status ?? null,
        next.payment?.amount?.amount ?? null,
        next.refunded,
        step,
        stepChanged,
        stepTimeoutMs,
      ],
    );
    return returnedRows<{ updatedAt: Date }>(result)[0].updatedAt;
  },

  async appendTimeline(tx: Tx, orderId: string, status: OrderStatus, detail: string | null): Promise<Date> {
    const rows: { at: Date }[] = await tx.query(
      `INSERT INTO order_timeline (order_id, status, detail) VALUES ($1, $2, $3) RETURNING at`,
      [orderId, status, detail],
    );
    return rows[0].at;
  },

  /**
   * A new status: its timeline entry, and a notification of it (delivered to every LISTENing replica
   * when, and only if, the transaction commits) carrying the entry's time, in one statement. The time
   * is written the way `Date.toISOString()` writes the `at` this returns.
   */
  async appendStatus(
    tx: Tx,
    orderId: string,
    status: OrderStatus,
    detail: string | null,
    notification: { channel: string; change: Omit<StatusChange, 'at'> },
  ): Promise<Date> {
    const rows: { at: Date }[] = await tx.query(
      `WITH entry AS (
         INSERT INTO order_timeline (order_id, status, detail) VALUES ($1, $2, $3) RETURNING at)
       SELECT at, pg_notify($4, ($5::jsonb || jsonb_build_object(
                'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text)
         FROM entry`,
      [orderId, status, detail, notification.channel, JSON.stringify(notification.change)],
    );
    return rows[0].at;
  },

  /** One order; with `userId` only when it belongs to that user, so a customer cannot read another's. */
  async find(db: EntityManager, id: string, userId: string | null): Promise<OrderRecord | undefined> {
    const rows: OrderRow[] = await db.query(
      `SELECT ${COLUMNS} FROM orders WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid)`,
      [id, userId],
    );
    return rows[0] && toRecord(rows[0]);
  },

  async timeline(db: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    return db.query(`SELECT status, at, detail FROM order_timeline WHERE order_id = $1 ORDER BY id`, [
      orderId,
    ]);
  },

  async page(
    db: EntityManager,
    filter: OrderFilter,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderRecord[]; total: number }> {
    const params = [filter.userId ?? null, filter.status ?? null];
    const where = `($1::uuid IS NULL OR user_id = $1::uuid) AND ($2::text IS NULL OR status = $2::text)`;
    const [rows, counted]: [OrderRow[], { total: string }[]] = await Promise.all([
      db.query(
        `SELECT ${COLUMNS} FROM orders WHERE ${where} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
        [...params, limit, offset],
      ),
      db.query(`SELECT count(*) AS total FROM orders WHERE ${where}`, params),
    ]);
    return { items: rows.map(toRecord), total: Number(counted[0].total) };
  },

  /** Sagas waiting on a step, by step (served from the partial deadline index). */
  async inFlight(db: EntityManager): Promise<{ step: SagaStep; count: number }[]> {
    const rows: { step: SagaStep; count: string }[] = await db.query(
      `SELECT step, count(*) AS count FROM orders WHERE step_deadline IS NOT NULL GROUP BY step`,
    );
    return rows.map((row) => ({ step: row.step, count: Number(row.count) }));
  },
};
