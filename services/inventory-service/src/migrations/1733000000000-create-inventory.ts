import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInventory1733000000000 implements MigrationInterface {
  name = 'CreateInventory1733000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE warehouses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        country char(2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT warehouses_code_upper CHECK (code = upper(code))
      )`);
    await db.query(`CREATE UNIQUE INDEX warehouses_code_key ON warehouses (code)`);

    // One row per product the catalog announced. The row is also the product's lock: every change to
    // its stock takes it FOR UPDATE first, so availability and the low-stock flag never race.
    await db.query(`
      CREATE TABLE products (
        product_id uuid PRIMARY KEY,
        active boolean NOT NULL DEFAULT true,
        low_stock_threshold integer CHECK (low_stock_threshold >= 0),
        low_stock_alerted boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The CHECKs are the last line of defence against overselling: whatever the code does, no
    // transaction can commit more reserved units than are on hand.
    await db.query(`
      CREATE TABLE stock_levels (
        product_id uuid NOT NULL REFERENCES products (product_id),
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        on_hand integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, warehouse_id),
        CONSTRAINT stock_levels_reserved_non_negative CHECK (reserved >= 0),
        CONSTRAINT stock_levels_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);

    await db.query(`
      CREATE TABLE reservations (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        status text NOT NULL CONSTRAINT reservations_status_check CHECK (status IN ('RESERVED', 'RELEASED', 'COMMITTED', 'FAILED')),
        expires_at timestamptz NOT NULL,
        shortages jsonb,
        release_reason text CONSTRAINT reservations_release_reason_check CHECK (release_reason IN ('RELEASED', 'EXPIRED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One reservation per order, whatever the outcome: a repeated reserve command finds it.
    await db.query(`CREATE UNIQUE INDEX reservations_order_id_key ON reservations (order_id)`);
    await db.query(
      `CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'RESERVED'`,
    );

    await db.query(`
      CREATE TABLE reservation_lines (
        reservation_id uuid NOT NULL REFERENCES reservations (id),
        product_id uuid NOT NULL,
        warehouse_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, product_id, warehouse_id),
        FOREIGN KEY (product_id, warehouse_id) REFERENCES stock_levels (product_id, warehouse_id)
      )`);

    await db.query(`
      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL,
        warehouse_id uuid NOT NULL,
        delta_on_hand integer NOT NULL,
        delta_reserved integer NOT NULL,
        reason text NOT NULL CONSTRAINT stock_movements_reason_check
          CHECK (reason IN ('adjustment', 'reservation', 'commit', 'release', 'restock', 'expiry')),
        actor text NOT NULL,
        reference text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stock_movements`);
    await db.query(`DROP TABLE reservation_lines`);
    await db.query(`DROP TABLE reservations`);
    await db.query(`DROP TABLE stock_levels`);
    await db.query(`DROP TABLE products`);
    await db.query(`DROP TABLE warehouses`);
  }
}
