import type { Tx } from '@ecommerce/database';
import type { ProductOutcome, StockChange, StockLedger, StockRow } from './stock-ledger';
import { StockInvariantError } from './stock-ledger';

export interface LockedProduct {
  productId: string;
  active: boolean;
  ownThreshold: number | null;
  alerted: boolean;
}

/** The stock of one product as the API shows it. */
export interface ProductStockSummary {
  productId: string;
  active: boolean;
  ownThreshold: number | null;
  available: number;
  reserved: number;
  warehouses: { warehouseId: string; onHand: number; reserved: number }[];
}

// One multi-row UPDATE for every changed row. The WHERE repeats the invariant, so even a ledger bug
// or a writer that skipped the product lock cannot push a row past it: the row simply does not match,
// the count comes up short and the transaction rolls back. The CHECK constraints stand behind this.
const APPLY_SQL = `
  WITH delta AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[]) AS d (product_id, warehouse_id, d_on_hand, d_reserved)
  ), updated AS (
    UPDATE stock_levels s
       SET on_hand = s.on_hand + d.d_on_hand, reserved = s.reserved + d.d_reserved, updated_at = now()
      FROM delta d
     WHERE s.product_id = d.product_id AND s.warehouse_id = d.warehouse_id
       AND s.reserved + d.d_reserved >= 0
       AND s.on_hand + d.d_on_hand >= s.reserved + d.d_reserved
    RETURNING 1
  ), movements AS (
    INSERT INTO stock_movements (product_id, warehouse_id, delta_on_hand, delta_reserved, reason, reference, actor)
    SELECT m.product_id, m.warehouse_id, m.d_on_hand, m.d_reserved, m.reason, m.reference, $10
      FROM unnest($5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::text[], $11::text[])
           AS m (product_id, warehouse_id, d_on_hand, d_reserved, reason, reference)
  )
  SELECT count(*)::int AS updated FROM updated`;

/** SQL for products and stock levels; every method runs on the caller's transaction. */
export const StockRepository = {
  /**
   * Locks the products' rows in product id order: every writer of stock takes these locks first and
   * in the same order, so concurrent writers queue per product and can never deadlock.
   */
  async lockProducts(tx: Tx, productIds: readonly string[]): Promise<LockedProduct[]> {
    if (productIds.length === 0) return [];
    return tx.query(
      `SELECT product_id AS "productId", active, low_stock_threshold AS "ownThreshold", low_stock_alerted AS alerted
         FROM products WHERE product_id = ANY($1::uuid[])
        ORDER BY product_id
          FOR UPDATE`,
      [productIds],
    );
  },

  /** Read after `lockProducts`, in a statement of its own, so it sees every write committed before the lock. */
  async stockRows(tx: Tx, productIds: readonly string[]): Promise<StockRow[]> {
    if (productIds.length === 0) return [];
    return tx.query(
      `SELECT product_id AS "productId", warehouse_id AS "warehouseId", on_hand AS "onHand", reserved
         FROM stock_levels WHERE product_id = ANY($1::uuid[])`,
      [productIds],
    );
  },

  async exists(tx: Tx, productId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM products WHERE product_id = $1`, [productId]);
    return rows.length > 0;
  },

  async insertEmptyRow(tx: Tx, productId: string, warehouseId: string): Promise<void> {
    await tx.query(
      `INSERT INTO stock_levels (product_id, warehouse_id) VALUES ($1, $2) ON CONFLICT (product_id, warehouse_id) DO NOTHING`,
      [productId, warehouseId],
    );
  },

  /** Writes the ledger's net row changes and its movements (one statement), then the low-stock flags. */
  async save(tx: Tx, ledger: StockLedger, actor: string, outcomes: readonly ProductOutcome[]): Promise<void> {
    const net = ledger.netChanges();
    const movements: StockChange[] = ledger.movements();
    if (net.length > 0 || movements.length > 0) {
      const [{ updated }] = (await tx.query(APPLY_SQL, [
        net.map((c) => c.productId),
        net.map((c) => c.warehouseId),
        net.map((c) => c.deltaOnHand),
        net.map((c) => c.deltaReserved),
        movements.map((m) => m.productId),
        movements.map((m) => m.warehouseId),
        movements.map((m) => m.deltaOnHand),
        movements.map((m) => m.deltaReserved),
        movements.map((m) => m.reason),
        actor,
        movements.map((m) => m.reference),
      ])) as { updated: number }[];
      if (updated !== net.length)
        throw new StockInvariantError(`expected to update ${net.length} stock rows, updated ${updated}`);
    }
    const flips = outcomes.filter((outcome) => outcome.alerted !== outcome.alertedBefore);
    if (flips.length > 0) {
      await tx.query(
        `UPDATE products p SET low_stock_alerted = f.alerted, updated_at = now()
           FROM unnest($1::uuid[], $2::boolean[]) AS f (product_id, alerted)
          WHERE p.product_id = f.product_id`,
        [flips.map((f) => f.productId), flips.map((f) => f.alerted)],
      );
    }
  },

  async setAlerted(tx: Tx, productId: string, alerted: boolean): Promise<void> {
    await tx.query(`UPDATE products SET low_stock_alerted = $2, updated_at = now() WHERE product_id = $1`, [
      productId,
      alerted,
    ]);
  },

  async setThreshold(tx: Tx, productId: string, threshold: number): Promise<void> {
    await tx.query(`UPDATE products SET low_stock_threshold = $2, updated_at = now() WHERE product_id = $1`, [
      productId,
      threshold,
    ]);
  },

  /** The product's stock without locking (reads for the API); undefined for an unknown product. */
  async summary(tx: Tx, productId: string): Promise<ProductStockSummary | undefined> {
    const rows: {
      productId: string;
      active: boolean;
      ownThreshold: number | null;
      warehouseId: string | null;
      onHand: number | null;
      reserved: number | null;
    }[] = await tx.query(
      `SELECT p.product_id AS "productId", p.active, p.low_stock_threshold AS "ownThreshold",
              s.warehouse_id AS "warehouseId", s.on_hand AS "onHand", s.reserved
         FROM products p
         LEFT JOIN stock_levels s ON s.product_id = p.product_id
        WHERE p.product_id = $1
        ORDER BY s.warehouse_id`,
      [productId],
    );
    if (rows.length === 0) return undefined;
    const warehouses = rows
      .filter((row) => row.warehouseId !== null)
      .map((row) => ({ warehouseId: row.warehouseId!, onHand: row.onHand!, reserved: row.reserved! }));
    return {
      productId: rows[0].productId,
      active: rows[0].active,
      ownThreshold: rows[0].ownThreshold,
      available: warehouses.reduce((sum, w) => sum + w.onHand - w.reserved, 0),
      reserved: warehouses.reduce((sum, w) => sum + w.reserved, 0),
      warehouses,
    };
  },

  /** Active products whose availability is at or below their threshold, lowest first. */
  async lowStockPage(
    tx: Tx,
    defaultThreshold: number,
    offset: number,
    limit: number,
  ): Promise<{
    items: { productId: string; available: number; reserved: number; threshold: number }[];
    total: number;
  }> {
    const rows: {
      productId: string;
      available: number;
      reserved: number;
      threshold: number;
      total: number;
    }[] = await tx.query(
      `WITH levels AS (
         SELECT p.product_id, coalesce(p.low_stock_threshold, $1) AS threshold,
                coalesce(sum(s.on_hand - s.reserved), 0)::int AS available,
                coalesce(sum(s.reserved), 0)::int AS reserved
           FROM products p
           LEFT JOIN stock_levels s ON s.product_id = p.product_id
          WHERE p.active
          GROUP BY p.product_id
       )
       SELECT product_id AS "productId", available, reserved, threshold, count(*) OVER ()::int AS total
         FROM levels WHERE available <= threshold
        ORDER BY available, product_id
        OFFSET $2 LIMIT $3`,
      [defaultThreshold, offset, limit],
    );
    if (rows.length > 0)
      return { items: rows.map(({ total: _total, ...item }) => item), total: rows[0].total };
    // Past the last page the window function has no row to ride on: count separately.
    const [{ total }] = (await tx.query(
      `SELECT count(*)::int AS total FROM (
         SELECT p.product_id FROM products p LEFT JOIN stock_levels s ON s.product_id = p.product_id
          WHERE p.active GROUP BY p.product_id
         HAVING coalesce(sum(s.on_hand - s.reserved), 0) <= coalesce(max(p.low_stock_threshold), $1)
       ) low`,
      [defaultThreshold],
    )) as { total: number }[];
    return { items: [], total };
  },
};
