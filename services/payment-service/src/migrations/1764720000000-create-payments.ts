import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1764720000000 implements MigrationInterface {
  name = 'CreatePayments1764720000000';

  async up(db: QueryRunner): Promise<void> {
    // One payment per order (the unique order_id), written before the provider is called: a second
    // authorize command for the order finds it instead of charging again.
    await db.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        user_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        refunded_amount bigint NOT NULL DEFAULT 0,
        status text NOT NULL CONSTRAINT payments_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
        payment_method text NOT NULL,
        provider text NOT NULL,
        provider_ref text,
        idempotency_key text NOT NULL,
        failure_reason text CONSTRAINT payments_failure_reason_check CHECK (failure_reason IN ('DECLINED', 'FRAUD_SUSPECTED', 'PROVIDER_ERROR')),
        failure_code text,
        reconciled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_refunded_within_amount CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        CONSTRAINT payments_failure_only_when_failed CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX payments_order_id_key ON payments (order_id)`);
    await db.query(`CREATE UNIQUE INDEX payments_idempotency_key_key ON payments (idempotency_key)`);
    await db.query(
      `CREATE INDEX payments_provider_ref_idx ON payments (provider_ref) WHERE provider_ref IS NOT NULL`,
    );
    await db.query(`CREATE INDEX payments_user_created_idx ON payments (user_id, created_at DESC)`);
    await db.query(`CREATE INDEX payments_pending_idx ON payments (updated_at) WHERE status = 'PENDING'`);
    await db.query(
      `CREATE INDEX payments_unreconciled_idx ON payments (updated_at) WHERE reconciled_at IS NULL OR reconciled_at < updated_at`,
    );

    // A refund row exists before the provider is asked; its id is the refund's idempotency key.
    await db.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments (id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CONSTRAINT refunds_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        source text NOT NULL CONSTRAINT refunds_source_check CHECK (source IN ('command', 'admin', 'provider')),
        provider_ref text,
        failure_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refunds_payment_idx ON refunds (payment_id)`);
    await db.query(`CREATE INDEX refunds_pending_idx ON refunds (updated_at) WHERE status = 'PENDING'`);

    // Stripe delivers a webhook at least once: an event id seen before is acknowledged and ignored.
    await db.query(`
      CREATE TABLE webhook_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The sandbox provider's own state: what it charged and refunded, and its answer per idempotency key.
    await db.query(`
      CREATE TABLE sandbox_operations (
        idempotency_key text PRIMARY KEY,
        operation text NOT NULL CHECK (operation IN ('charge', 'refund')),
        request_hash text NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sandbox_charges (
        ref text PRIMARY KEY,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
        failure_code text,
        amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sandbox_charges`);
    await db.query(`DROP TABLE sandbox_operations`);
    await db.query(`DROP TABLE webhook_events`);
    await db.query(`DROP TABLE refunds`);
    await db.query(`DROP TABLE payments`);
  }
}
