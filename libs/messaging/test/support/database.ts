import { randomBytes } from 'node:crypto';
import { Database } from '@ecommerce/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@ecommerce/messaging';

export interface TestConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const sharedConnection: TestConnection = {
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.MESSAGING_TEST_DATABASE_USER ?? 'messaging',
  password: process.env.MESSAGING_TEST_DATABASE_PASSWORD ?? 'messaging',
  database: process.env.MESSAGING_TEST_DATABASE_NAME ?? 'messaging_test',
};

export interface TestDatabase {
  database: Database;
  schema: string;
  /** Runs SQL on the pool (search path = this test file's schema). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function admin<T>(connection: TestConnection, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(connection);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A schema of its own in messaging_test for one test file, migrated with MESSAGING_MIGRATIONS plus an
 * `effects` table handlers write to. Test files run in parallel without seeing each other's rows, and
 * the relay's advisory lock is per schema, so their relays do not compete either. `connection`
 * defaults to the shared server's messaging_test database.
 */
export async function openTestDatabase(connection: TestConnection = sharedConnection): Promise<TestDatabase> {
  const schema = `msgtest_${randomBytes(4).toString('hex')}`;
  await admin(connection, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const dataSource = new DataSource({
    type: 'postgres',
    host: connection.host,
    port: connection.port,
    username: connection.user,
    password: connection.password,
    database: connection.database,
    entities: MESSAGING_ENTITIES,
    migrations: MESSAGING_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // Some tests provoke SQL errors on purpose; they assert on them instead.
    logging: false,
    applicationName: `messaging-test-${schema}`,
    extra: { options: `-c search_path=${schema}`, max: 5 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`
    CREATE TABLE effects (
      seq        bigserial PRIMARY KEY,
      event_id   uuid NOT NULL,
      aggregate  text NOT NULL,
      value      int  NOT NULL
    )`);
  return {
    database: new Database(dataSource),
    schema,
    query: (sql, params) => dataSource.query(sql, params),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin(connection, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}
