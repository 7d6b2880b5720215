import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1767400000000 implements MigrationInterface {
  name = 'CreateOrders1767400000000';

  async up(db: QueryRunner): Promise<void> {
    // The order row is also the saga's state and its lock: every saga step takes it FOR UPDATE, so
    // answers for one order are applied one after the other whatever replica receives them.
    // Lines are stored as they were priced at checkout (name, unit price, line total) and never change,
    // so they live on the row as JSON: one write at checkout, one read for the order page.
    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        status text NOT NULL CONSTRAINT orders_status_check
          CHECK (status IN ('PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED', 'CANCELLED', 'REFUNDED')),
        cancellation_reason text CONSTRAINT orders_cancellation_reason_check
          CHECK (cancellation_reason IN ('OUT_OF_STOCK', 'PAYMENT_DECLINED', 'FRAUD_SUSPECTED', 'TIMEOUT', 'CUSTOMER_CANCELLED')),
        currency char(3) NOT NULL,
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        items jsonb NOT NULL,
        shipping_address jsonb NOT NULL,
        payment_method text NOT NULL,
        reservation_id uuid,
        payment_id uuid,
        payment_status text CONSTRAINT orders_payment_status_check
          CHECK (payment_status IN ('SUCCEEDED', 'FAILED', 'REFUND_REQUESTED', 'REFUNDED')),
        payment_amount bigint,
        refunded_amount bigint NOT NULL DEFAULT 0,
        step text CONSTRAINT orders_step_check CHECK (step IN ('reservation', 'payment')),
        step_started_at timestamptz,
        step_deadline timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_step_deadline_check CHECK ((step IS NULL) = (step_deadline IS NULL))
      )`);
    await db.query(`CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX orders_status_idx ON orders (status, created_at DESC, id)`);
    await db.query(`CREATE INDEX orders_created_idx ON orders (created_at DESC, id)`);
    // Only sagas waiting for an answer are in this index, so the sweeper's scan stays small.
    await db.query(
      `CREATE INDEX orders_step_deadline_idx ON orders (step_deadline) WHERE step_deadline IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE order_timeline (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        status text NOT NULL,
        detail text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX order_timeline_order_idx ON order_timeline (order_id, id)`);

    // Insert-first idempotency: the primary key makes a concurrent duplicate wait for the first
    // request's transaction, then see its row, so one key can never create two orders.
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        order_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, idempotency_key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);

    // The price read model, fed by product.events: checkout prices lines without calling product-service.
    await db.query(`
      CREATE TABLE catalog_prices (
        product_id uuid PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL,
        price_amount bigint NOT NULL,
        price_currency char(3) NOT NULL,
        prices jsonb NOT NULL DEFAULT '[]',
        version_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE catalog_prices`);
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE order_timeline`);
    await db.query(`DROP TABLE orders`);
  }
}
