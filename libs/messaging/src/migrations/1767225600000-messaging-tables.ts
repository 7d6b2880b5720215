import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables, plus the trigger that wakes the relay when outbox rows commit. */
export class MessagingTables1767225600000 implements MigrationInterface {
  name = 'MessagingTables1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        id           bigserial   PRIMARY KEY,
        event_id     uuid        NOT NULL CONSTRAINT outbox_messages_event_id_key UNIQUE,
        topic        text        NOT NULL,
        message_key  text        NOT NULL,
        event_type   text        NOT NULL,
        payload      jsonb       NOT NULL,
        headers      jsonb       NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL
      )`);
    // The relay only ever looks for unpublished rows; published ones wait for the retention purge.
    await queryRunner.query(
      `CREATE INDEX outbox_messages_unpublished_idx ON outbox_messages (id) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_messages_published_at_idx ON outbox_messages (published_at) WHERE published_at IS NOT NULL`,
    );
    // NOTIFY is delivered only when the inserting transaction commits, and once per statement is
    // enough: the relay reads everything unpublished when it wakes.
    await queryRunner.query(`
      CREATE FUNCTION outbox_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', TG_TABLE_SCHEMA);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify()`);
    await queryRunner.query(`
      CREATE TABLE inbox_messages (
        consumer_group text        NOT NULL,
        event_id       uuid        NOT NULL,
        event_type     text        NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_messages_processed_at_idx ON inbox_messages (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_messages`);
    await queryRunner.query(`DROP TRIGGER outbox_messages_notify ON outbox_messages`);
    await queryRunner.query(`DROP FUNCTION outbox_messages_notify()`);
    await queryRunner.query(`DROP TABLE outbox_messages`);
  }
}
