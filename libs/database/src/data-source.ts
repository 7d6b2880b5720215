import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseEnv } from './config';

export interface DataSourceSpec {
  env: DatabaseEnv;
  /** Entity classes of the service (plus those of libs it uses, e.g. the outbox). */
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, run in order at start-up. */
  migrations: MixedList<Function | string>;
  /** Shown in pg_stat_activity, so a DBA sees which service holds a connection. */
  applicationName: string;
}

/** A TypeORM data source from validated env. Schema changes only through migrations, never `synchronize`. */
export function createDataSource(spec: DataSourceSpec): DataSource {
  const { env } = spec;
  const options: DataSourceOptions = {
    type: 'postgres',
    host: env.DATABASE_HOST,
    port: env.DATABASE_PORT,
    database: env.DATABASE_NAME,
    username: env.DATABASE_USER,
    password: env.DATABASE_PASSWORD,
    ssl: env.DATABASE_SSL ? { rejectUnauthorized: true } : false,
    ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    applicationName: spec.applicationName,
    extra: {
      max: env.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      // Raw SQL (migrations, outbox, relay) resolves unqualified names through the search path.
      ...(env.DATABASE_SCHEMA ? { options: `-c search_path=${env.DATABASE_SCHEMA}` } : {}),
    },
  };
  return new DataSource(options);
}

// Per schema, so services sharing a server (and test files sharing a database) do not wait on each other.
const MIGRATION_LOCK = `hashtext('ecommerce.migrations'), hashtext(current_schema())`;

/**
 * Connects and brings the schema up to date; a failed migration stops the service at boot.
 *
 * Replicas of a rollout start together, and each would run the pending migrations at once: the
 * loser fails on a table the winner just created, or both apply a data migration. So migrations run
 * under a session advisory lock on a connection of their own: the first replica migrates, the
 * others wait for it and then find nothing left to do. The lock goes with the connection if the
 * process dies, so a crashed migration never blocks the next start.
 */
export async function initializeDataSource(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await lockHolder.release();
  }
  return dataSource;
}
