import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the relay park an outbox row Kafka refuses for good (record too large, unknown topic): the
 * row keeps its error, only its (topic, key) waits behind it, and an operator retries it with the DLQ
 * command once the cause is fixed.
 */
export class OutboxParking1767312000000 implements MigrationInterface {
  name = 'OutboxParking1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE outbox_messages ADD COLUMN parked_at timestamptz NULL, ADD COLUMN park_error text NULL`,
    );
    // Small by nature (parked rows are rare): the relay probes it for every key it is about to publish.
    await queryRunner.query(
      `CREATE INDEX outbox_messages_parked_idx ON outbox_messages (topic, message_key, id) WHERE parked_at IS NOT NULL AND published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_messages_parked_idx`);
    await queryRunner.query(`ALTER TABLE outbox_messages DROP COLUMN park_error, DROP COLUMN parked_at`);
  }
}
