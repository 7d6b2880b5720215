import type { Tx } from '@ecommerce/database';

/** The products inventory knows of, as the catalog announces them. */
export const CatalogRepository = {
  /** A product's stock record starts empty; a repeated announcement changes nothing. */
  async insertIfAbsent(tx: Tx, productId: string, active: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO products (product_id, active) VALUES ($1, $2) ON CONFLICT (product_id) DO NOTHING`,
      [productId, active],
    );
  },

  /** Creates the record if inventory missed the product's creation, else follows its `active` flag. */
  async upsertActive(tx: Tx, productId: string, active: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO products (product_id, active) VALUES ($1, $2)
       ON CONFLICT (product_id) DO UPDATE SET active = EXCLUDED.active, updated_at = now()
        WHERE products.active IS DISTINCT FROM EXCLUDED.active`,
      [productId, active],
    );
  },
};
