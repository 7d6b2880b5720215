import type { Tx } from '@ecommerce/database';
import type { Allocation, Shortage } from './allocation';
import type { ReleaseReason, ReservationStatus } from './reservation-status';

export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  releaseReason: ReleaseReason | null;
  expiresAt: Date;
  shortages: Shortage[] | null;
  lines: Allocation[];
}

type ReservationRow = Omit<Reservation, 'lines'>;

const COLUMNS = `r.id, r.order_id AS "orderId", r.status, r.release_reason AS "releaseReason", r.expires_at AS "expiresAt", r.shortages`;

async function withLines(tx: Tx, rows: ReservationRow[]): Promise<Reservation[]> {
  if (rows.length === 0) return [];
  const lines: (Allocation & { reservationId: string })[] = await tx.query(
    `SELECT reservation_id AS "reservationId", product_id AS "productId", warehouse_id AS "warehouseId", quantity
       FROM reservation_lines WHERE reservation_id = ANY($1::uuid[])
      ORDER BY product_id, warehouse_id`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => ({
    ...row,
    lines: lines
      .filter((line) => line.reservationId === row.id)
      .map(({ productId, warehouseId, quantity }) => ({ productId, warehouseId, quantity })),
  }));
}

/** Reservations and their lines; every method runs on the caller's transaction. */
export const ReservationsRepository = {
  /**
   * Claims the order's one reservation. False when the order already has one: a concurrent duplicate
   * waits here on the unique index until the first transaction ends, then sees its row.
   */
  async claim(tx: Tx, reservation: { id: string; orderId: string; expiresAt: Date }): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO reservations (id, order_id, status, expires_at) VALUES ($1, $2, 'RESERVED', $3)
       ON CONFLICT (order_id) DO NOTHING RETURNING id`,
      [reservation.id, reservation.orderId, reservation.expiresAt],
    );
    return inserted.length === 1;
  },

  /**
   * `claim` for many orders with one statement; returns the order ids claimed now. An order already
   * reserved (or listed twice) is missing from the answer: its command is a duplicate.
   */
  async claimAll(
    tx: Tx,
    reservations: ReadonlyArray<{ id: string; orderId: string; expiresAt: Date }>,
  ): Promise<Set<string>> {
    if (reservations.length === 0) return new Set();
    const inserted: Array<{ orderId: string }> = await tx.query(
      `INSERT INTO reservations (id, order_id, status, expires_at)
       SELECT r.id, r.order_id, 'RESERVED', r.expires_at
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS r (id, order_id, expires_at, n)
        ORDER BY r.n
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id AS "orderId"`,
      [
        reservations.map((r) => r.id),
        reservations.map((r) => r.orderId),
        reservations.map((r) => r.expiresAt),
      ],
    );
    return new Set(inserted.map((row) => row.orderId));
  },

  async findByOrder(tx: Tx, orderId: string): Promise<Reservation | undefined> {
    const rows: ReservationRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM reservations r WHERE r.order_id = $1`,
      [orderId],
    );
    return (await withLines(tx, rows))[0];
  },

  /** Locks one reservation for a release or commit; commands for it queue here. */
  async lock(tx: Tx, reservationId: string): Promise<Reservation | undefined> {
    const rows: ReservationRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM reservations r WHERE r.id = $1 FOR UPDATE`,
      [reservationId],
    );
    return (await withLines(tx, rows))[0];
  },

  /**
   * Locks a batch of expired reservations, skipping those another replica (or a command) holds, so
   * several sweepers share the work without waiting on each other or releasing anything twice.
   */
  async lockExpired(tx: Tx, limit: number): Promise<Reservation[]> {
    const rows: ReservationRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM reservations r
        WHERE r.status = 'RESERVED' AND r.expires_at <= now()
        ORDER BY r.expires_at
        LIMIT $1
          FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return withLines(tx, rows);
  },

  async insertLines(tx: Tx, reservationId: string, lines: readonly Allocation[]): Promise<void> {
    await tx.query(
      `INSERT INTO reservation_lines (reservation_id, product_id, warehouse_id, quantity)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[])`,
      [
        reservationId,
        lines.map((l) => l.productId),
        lines.map((l) => l.warehouseId),
        lines.map((l) => l.quantity),
      ],
    );
  },

  /** `insertLines` for many reservations with one statement. */
  async insertLinesOfMany(
    tx: Tx,
    lines: ReadonlyArray<Allocation & { reservationId: string }>,
  ): Promise<void> {
    if (lines.length === 0) return;
    await tx.query(
      `INSERT INTO reservation_lines (reservation_id, product_id, warehouse_id, quantity)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
      [
        lines.map((l) => l.reservationId),
        lines.map((l) => l.productId),
        lines.map((l) => l.warehouseId),
        lines.map((l) => l.quantity),
      ],
    );
  },

  async replaceLines(tx: Tx, reservationId: string, lines: readonly Allocation[]): Promise<void> {
    await tx.query(`DELETE FROM reservation_lines WHERE reservation_id = $1`, [reservationId]);
    await ReservationsRepository.insertLines(tx, reservationId, lines);
  },

  async markFailed(tx: Tx, reservationId: string, shortages: readonly Shortage[]): Promise<void> {
    await tx.query(
      `UPDATE reservations SET status = 'FAILED', shortages = $2::jsonb, updated_at = now() WHERE id = $1`,
      [reservationId, JSON.stringify(shortages)],
    );
  },

  /** `markFailed` for many reservations with one statement. */
  async markAllFailed(
    tx: Tx,
    failures: ReadonlyArray<{ reservationId: string; shortages: readonly Shortage[] }>,
  ): Promise<void> {
    if (failures.length === 0) return;
    await tx.query(
      `UPDATE reservations r SET status = 'FAILED', shortages = f.shortages, updated_at = now()
         FROM unnest($1::uuid[], $2::jsonb[]) AS f (id, shortages)
        WHERE r.id = f.id`,
      [failures.map((f) => f.reservationId), failures.map((f) => JSON.stringify(f.shortages))],
    );
  },

  async setStatus(
    tx: Tx,
    reservationIds: readonly string[],
    status: 'RELEASED' | 'COMMITTED',
    releaseReason: ReleaseReason | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE reservations SET status = $2, release_reason = $3, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [reservationIds, status, releaseReason],
    );
  },
};
