import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the catalog event last applied to a product happened, so an older event (redelivered, or
 * replayed from the DLQ) never overwrites what a newer one set.
 */
export class CatalogVersion1733100000000 implements MigrationInterface {
  name = 'CatalogVersion1733100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE products ADD COLUMN catalog_version timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE products DROP COLUMN catalog_version`);
  }
}
