import type { Tx } from '@ecommerce/database';

/**
 * The products inventory knows of, as the catalog announces them. `version` is when the announcing
 * event happened: an event older than the last one applied (a redelivery, a replay from the DLQ)
 * changes nothing, so a replayed product.updated cannot bring back a deleted product.
 */
export const CatalogRepository = {
  /** A product's stock record starts empty; a repeated announcement changes nothing. */
  async insertIfAbsent(tx: Tx, productId: string, active: boolean, version: string): Promise<void> {
    await tx.query(
      `INSERT INTO products (product_id, active, catalog_version) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO NOTHING`,
      [productId, active, version],
    );
  },

  /** Creates the record if inventory missed the product's creation, else follows its `active` flag. */
  async upsertActive(tx: Tx, productId: string, active: boolean, version: string): Promise<void> {
    await tx.query(
      `INSERT INTO products (product_id, active, catalog_version) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO UPDATE
         SET active = EXCLUDED.active,
             catalog_version = EXCLUDED.catalog_version,
             updated_at = CASE WHEN products.active IS DISTINCT FROM EXCLUDED.active THEN now() ELSE products.updated_at END
       WHERE products.catalog_version IS NULL OR products.catalog_version < EXCLUDED.catalog_version`,
      [productId, active, version],
    );
  },
};
