import type { DataSource, EntityManager } from 'typeorm';

/** The entity manager of the current transaction; repositories take it so the caller owns the boundary. */
export type Tx = EntityManager;

/**
 * Runs work in one database transaction. Whatever joins the `tx` it hands out (repository writes,
 * outbox rows, inbox rows) commits or rolls back together.
 */
export class Database {
  constructor(readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
