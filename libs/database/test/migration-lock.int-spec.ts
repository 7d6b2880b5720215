import { createTestSchema, type TestSchema } from '@ecommerce/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, initializeDataSource, type DatabaseEnv } from '@ecommerce/database';

// A migration that is not safe to run twice at once: the second CREATE TABLE fails.
class CreateWidgets1700000000000 implements MigrationInterface {
  name = 'CreateWidgets1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_sleep(0.5)`);
    await runner.query(`CREATE TABLE widgets (id int PRIMARY KEY)`);
    await runner.query(`INSERT INTO widgets VALUES (1)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE widgets`);
  }
}

const env = (schema: string): DatabaseEnv => ({
  DATABASE_HOST: process.env.DATABASE_HOST ?? '127.0.0.1',
  DATABASE_PORT: Number(process.env.DATABASE_PORT ?? 5432),
  DATABASE_NAME: 'messaging_test',
  DATABASE_USER: 'messaging',
  DATABASE_PASSWORD: 'messaging',
  DATABASE_POOL_SIZE: 4,
  DATABASE_SSL: false,
  DATABASE_SCHEMA: schema,
});

describe('migrations at start-up', () => {
  let schema: TestSchema;

  beforeEach(async () => {
    schema = await createTestSchema('messaging_test', 'messaging');
  });
  afterEach(() => schema.drop());

  it('runs once when replicas start together: the others wait and find nothing to do', async () => {
    const replicas = Array.from({ length: 3 }, (_, index) =>
      createDataSource({
        env: env(schema.name),
        entities: [],
        migrations: [CreateWidgets1700000000000],
        applicationName: `replica-${index}`,
      }),
    );
    try {
      const started = await Promise.allSettled(replicas.map((replica) => initializeDataSource(replica)));
      expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const applied = await replicas[0].query(`SELECT name FROM schema_migrations`);
      expect(applied).toEqual([{ name: 'CreateWidgets1700000000000' }]);
      expect(await replicas[0].query(`SELECT id FROM widgets`)).toEqual([{ id: 1 }]);
    } finally {
      await Promise.all(replicas.map((replica) => (replica.isInitialized ? replica.destroy() : undefined)));
    }
  });
});
