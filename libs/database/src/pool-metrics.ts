import { Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const watched = new Set<DataSource>();

/** The pg pool behind a TypeORM data source (its "master" pool; this platform runs no replicas). */
const poolOf = (dataSource: DataSource): PgPool | undefined =>
  (dataSource.driver as unknown as { master?: PgPool }).master;

function createGauge(): Gauge<'state'> {
  return new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of the PostgreSQL pool: total open, idle, and requests waiting for one (read at scrape time)',
    labelNames: ['state'] as const,
    collect() {
      let total = 0;
      let idle = 0;
      let waiting = 0;
      for (const dataSource of watched) {
        const pool = dataSource.isInitialized ? poolOf(dataSource) : undefined;
        if (!pool) continue;
        total += pool.totalCount;
        idle += pool.idleCount;
        waiting += pool.waitingCount;
      }
      this.set({ state: 'total' }, total);
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'waiting' }, waiting);
    },
  });
}

/** Exposes the pool of `dataSource` as `db_pool_connections` on /metrics until it is destroyed. */
export function watchPool(dataSource: DataSource): void {
  if (!register.getSingleMetric('db_pool_connections')) createGauge();
  watched.add(dataSource);
}

export function unwatchPool(dataSource: DataSource): void {
  watched.delete(dataSource);
}
