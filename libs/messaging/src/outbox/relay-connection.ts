import type { ClientConfig } from 'pg';
import type { DataSourceOptions } from 'typeorm';

/**
 * Settings of the relay's own connection, taken from the service's data source so it reaches the same
 * database (and schema search path) with the same credentials. It is separate from the pool because
 * LISTEN and the leadership lock belong to one connection for as long as the relay runs.
 */
export function relayConnectionConfig(options: DataSourceOptions, applicationName: string): ClientConfig {
  if (options.type !== 'postgres')
    throw new Error(`the outbox relay needs a PostgreSQL data source, got ${options.type}`);
  const extra = (options.extra ?? {}) as { options?: string; statement_timeout?: number };
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    // TypeORM's TlsOptions and pg's ConnectionOptions describe the same node:tls settings.
    ssl: options.ssl as ClientConfig['ssl'],
    options: extra.options,
    statement_timeout: extra.statement_timeout ?? 30_000,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    // A half-open TCP connection would leave a leader that cannot publish but still holds the lock.
    keepAlive: true,
  };
}
