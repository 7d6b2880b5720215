import { randomUUID } from 'node:crypto';
import type { ProductSnapshot } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';

/** product.created `data` as product-service publishes it. */
export function productSnapshot(id: string = randomUUID()): ProductSnapshot {
  const now = new Date().toISOString();
  return {
    id,
    sku: `SKU-${id.slice(0, 8)}`,
    name: 'Test product',
    description: 'A product made by a test',
    categoryId: null,
    price: { amount: 1999, currency: 'EUR' },
    prices: [{ amount: 1999, currency: 'EUR' }],
    images: [],
    attributes: {},
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createWarehouse(
  db: Database,
  code = `T-${randomUUID().slice(0, 8).toUpperCase()}`,
): Promise<string> {
  const [row] = (await db.manager.query(
    `INSERT INTO warehouses (code, name, country) VALUES ($1, $2, 'DE') RETURNING id`,
    [code, `Warehouse ${code}`],
  )) as {
    id: string;
  }[];
  return row.id;
}

/** A product with stock straight in the database, for tests about reservations rather than the catalog. */
export async function seedProduct(
  db: Database,
  stock: Record<string, number>,
  options: { productId?: string; threshold?: number; alerted?: boolean } = {},
): Promise<string> {
  const productId = options.productId ?? randomUUID();
  await db.manager.query(
    `INSERT INTO products (product_id, low_stock_threshold, low_stock_alerted) VALUES ($1, $2, $3)`,
    [productId, options.threshold ?? null, options.alerted ?? false],
  );
  for (const [warehouseId, onHand] of Object.entries(stock)) {
    await db.manager.query(
      `INSERT INTO stock_levels (product_id, warehouse_id, on_hand) VALUES ($1, $2, $3)`,
      [productId, warehouseId, onHand],
    );
  }
  return productId;
}

export interface StockRowState {
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export async function stockOf(db: Database, productId: string): Promise<StockRowState[]> {
  return db.manager.query(
    `SELECT warehouse_id AS "warehouseId", on_hand AS "onHand", reserved FROM stock_levels WHERE product_id = $1 ORDER BY warehouse_id`,
    [productId],
  );
}

/**
 * The invariants that must hold whatever ran before: per stock row 0 <= reserved <= onHand, and
 * reserved equals the sum of the live (RESERVED) reservation lines on it. Returns the rows that break them.
 */
export async function invariantViolations(db: Database, productIds: string[]): Promise<unknown[]> {
  return db.manager.query(
    `SELECT s.product_id, s.warehouse_id, s.on_hand, s.reserved, coalesce(l.live, 0) AS live
       FROM stock_levels s
       LEFT JOIN (
         SELECT rl.product_id, rl.warehouse_id, sum(rl.quantity)::int AS live
           FROM reservation_lines rl JOIN reservations r ON r.id = rl.reservation_id
          WHERE r.status = 'RESERVED'
          GROUP BY rl.product_id, rl.warehouse_id
       ) l ON l.product_id = s.product_id AND l.warehouse_id = s.warehouse_id
      WHERE s.product_id = ANY($1::uuid[])
        AND (s.reserved < 0 OR s.reserved > s.on_hand OR s.reserved <> coalesce(l.live, 0))`,
    [productIds],
  );
}
