import { randomBytes } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';

export interface TestSchema {
  /** Pass as DATABASE_SCHEMA: the service migrates into it and sees only its own rows. */
  name: string;
  drop(): Promise<void>;
}

async function withClient<T>(config: ClientConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh schema in a service's test database, so test files running in parallel neither see each
 * other's rows nor compete for the one outbox relay lock a database (search path) allows.
 */
export async function createTestSchema(database: string, user: string, password = user): Promise<TestSchema> {
  const config: ClientConfig = {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    database,
    user,
    password,
  };
  const name = `test_${randomBytes(5).toString('hex')}`;
  await withClient(config, (client) => client.query(`CREATE SCHEMA ${name}`));
  return {
    name,
    drop: () =>
      withClient(config, (client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)).then(
        () => undefined,
      ),
  };
}
