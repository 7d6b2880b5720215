import type { Money, ProductSnapshot } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../common/returning';

/** What checkout needs of a product: its name, whether it is sold, its prices. */
export interface CatalogPrice {
  productId: string;
  name: string;
  active: boolean;
  price: Money;
  prices: Money[];
}

/**
 * The local read model of product prices. Each write carries the version (the event's `occurredAt`)
 * and only applies when it is newer than what the row holds, so a redelivered or replayed old event
 * can never roll a price back.
 */
export const CatalogPricesRepository = {
  /** Returns false when the row already holds a newer (or the same) version. */
  async upsert(tx: Tx, product: ProductSnapshot, versionAt: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO catalog_prices (product_id, name, active, price_amount, price_currency, prices, version_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (product_id) DO UPDATE SET
         name = excluded.name, active = excluded.active, price_amount = excluded.price_amount,
         price_currency = excluded.price_currency, prices = excluded.prices, version_at = excluded.version_at, updated_at = now()
       WHERE catalog_prices.version_at < excluded.version_at
       RETURNING product_id`,
      [
        product.id,
        product.name,
        product.active,
        product.price.amount,
        product.price.currency,
        JSON.stringify(product.prices),
        versionAt,
      ],
    );
    return rows.length === 1;
  },

  /** Marks a product as no longer sold, unless a newer event already changed it. */
  async deactivate(tx: Tx, productId: string, versionAt: Date): Promise<boolean> {
    const result: unknown = await tx.query(
      `UPDATE catalog_prices SET active = false, version_at = $2, updated_at = now() WHERE product_id = $1 AND version_at < $2 RETURNING product_id`,
      [productId, versionAt],
    );
    return returnedRows(result).length === 1;
  },

  async findMany(db: EntityManager, productIds: readonly string[]): Promise<Map<string, CatalogPrice>> {
    const rows: {
      productId: string;
      name: string;
      active: boolean;
      amount: string;
      currency: string;
      prices: Money[];
    }[] = await db.query(
      `SELECT product_id AS "productId", name, active, price_amount AS amount, price_currency AS currency, prices
         FROM catalog_prices WHERE product_id = ANY($1::uuid[])`,
      [productIds],
    );
    return new Map(
      rows.map((row) => [
        row.productId,
        {
          productId: row.productId,
          name: row.name,
          active: row.active,
          price: { amount: Number(row.amount), currency: row.currency },
          prices: row.prices,
        },
      ]),
    );
  },
};
