import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TEMPLATES } from '../templates/default-templates';

export class CreateNotifications1767400000000 implements MigrationInterface {
  name = 'CreateNotifications1767400000000';

  async up(db: QueryRunner): Promise<void> {
    // The users this service has heard of from user.events: where to mail them and who is an admin.
    await db.query(`
      CREATE TABLE users (
        user_id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{customer}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX users_admins_idx ON users (user_id) WHERE 'admin' = ANY (roles)`);

    // Whose order is whose, from order.events: payment.failed names only the order.
    await db.query(`
      CREATE TABLE orders (
        order_id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE templates (
        key text PRIMARY KEY,
        subject text NOT NULL,
        body text NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [key, text] of Object.entries(DEFAULT_TEMPLATES)) {
      await db.query(`INSERT INTO templates (key, subject, body) VALUES ($1, $2, $3)`, [
        key,
        text.subject,
        text.body,
      ]);
    }

    // No row means the defaults (everything on). Order mail cannot be switched off, so it has no column.
    await db.query(`
      CREATE TABLE preferences (
        user_id uuid PRIMARY KEY,
        email_marketing boolean NOT NULL,
        in_app_marketing boolean NOT NULL,
        in_app_order_updates boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        template text NOT NULL,
        channel text NOT NULL CONSTRAINT notifications_channel_check CHECK (channel IN ('email', 'in_app')),
        recipient text NOT NULL,
        user_id uuid,
        order_id uuid,
        email text,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        transport text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The second line of defence after the inbox: one event reaches one recipient once per channel.
    await db.query(
      `CREATE UNIQUE INDEX notifications_event_recipient_channel_key ON notifications (event_id, recipient, channel)`,
    );
    await db.query(
      `CREATE INDEX notifications_due_idx ON notifications (next_attempt_at, id) WHERE status = 'PENDING'`,
    );
    await db.query(
      `CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC)`,
    );

    // Every delivery attempt, successful or not, with what the provider answered.
    await db.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        attempt integer NOT NULL,
        transport text NOT NULL,
        outcome text NOT NULL CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('SENT', 'RETRY', 'FAILED')),
        response_code integer,
        error text,
        duration_ms integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX delivery_attempts_notification_idx ON delivery_attempts (notification_id, attempt)`,
    );

    // Wakes the dispatchers when the recording transaction commits (NOTIFY is delivered on commit).
    await db.query(`
      CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notifications', TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER notifications_notify AFTER INSERT ON notifications
      FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER notifications_notify ON notifications`);
    await db.query(`DROP FUNCTION notifications_notify()`);
    await db.query(`DROP TABLE delivery_attempts, notifications, preferences, templates, orders, users`);
  }
}
