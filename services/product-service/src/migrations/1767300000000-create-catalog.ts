import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1767300000000 implements MigrationInterface {
  name = 'CreateCatalog1767300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        parent_id uuid REFERENCES categories (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)
      )`);
    await db.query(`CREATE UNIQUE INDEX categories_slug_key ON categories (slug)`);
    await db.query(`CREATE INDEX categories_parent_idx ON categories (parent_id)`);

    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category_id uuid REFERENCES categories (id),
        price_amount bigint NOT NULL CHECK (price_amount >= 0),
        price_currency char(3) NOT NULL,
        prices jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(prices) = 'array'),
        images text[] NOT NULL DEFAULT '{}',
        attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // SKUs are unique whatever their case, and a deleted product keeps its SKU: orders and events
    // still name it, so a new product must not take it over.
    await db.query(`CREATE UNIQUE INDEX products_sku_key ON products (lower(sku))`);
    // The public list pages: active products in (created_at, id) order, all or by category.
    await db.query(`CREATE INDEX products_listing_idx ON products (created_at, id) WHERE active`);
    await db.query(
      `CREATE INDEX products_category_listing_idx ON products (category_id, created_at, id) WHERE active`,
    );

    await db.query(`
      CREATE TABLE fx_rates (
        base char(3) NOT NULL,
        currency char(3) NOT NULL,
        rate numeric NOT NULL CHECK (rate > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (base, currency),
        CONSTRAINT fx_rates_not_to_itself CHECK (base <> currency)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE fx_rates`);
    await db.query(`DROP TABLE products`);
    await db.query(`DROP TABLE categories`);
  }
}
