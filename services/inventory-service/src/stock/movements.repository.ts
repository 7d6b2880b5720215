import type { Tx } from '@ecommerce/database';
import type { MovementView } from './movement.views';

type MovementRow = Omit<MovementView, 'at'> & { at: Date };

/** The audit trail of stock changes; rows are only ever appended (by `StockRepository.save`). */
export const MovementsRepository = {
  async page(
    tx: Tx,
    productId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: MovementView[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      tx.query(
        `SELECT id::text, product_id AS "productId", warehouse_id AS "warehouseId", delta_on_hand AS "deltaOnHand",
                delta_reserved AS "deltaReserved", reason, actor, reference, at
           FROM stock_movements WHERE product_id = $1
          ORDER BY id DESC OFFSET $2 LIMIT $3`,
        [productId, offset, limit],
      ) as Promise<MovementRow[]>,
      tx.query(`SELECT count(*)::int AS total FROM stock_movements WHERE product_id = $1`, [
        productId,
      ]) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(({ at, ...row }) => ({ ...row, at: at.toISOString() })), total };
  },
};
