/**
 * A separate OS process that drives the service's own use cases against the test database, so the
 * concurrency tests race real transactions from several processes (several replicas), not just
 * promises in one event loop. Run with `node scripts/run.mjs <this file>`.
 *
 * Protocol on stdin/stdout, one JSON document per line:
 *   parent -> worker: the job; worker -> parent: {"ready": true} once connected;
 *   parent -> worker: "go" (so every worker starts at the same moment);
 *   worker -> parent: the results, then it exits.
 */
import { createInterface } from 'node:readline';
import type { ReserveStock } from '@ecommerce/contracts';
import { createDataSource, Database } from '@ecommerce/database';
import { MESSAGING_ENTITIES, Outbox } from '@ecommerce/messaging';
import { loadInventoryConfig, SERVICE_NAME } from '../../src/config';
import { ReserveStockUseCase } from '../../src/reservations/reserve-stock';
import { SettleReservationUseCase } from '../../src/reservations/settle-reservation';
import { StockChanges } from '../../src/stock/stock-changes';

export type WorkerJob =
  | { kind: 'reserve'; orders: (ReserveStock & { then?: 'commit' | 'release' })[] }
  | { kind: 'sweep'; sweepers: number; batchSize: number };

export interface WorkerResult {
  reserved: { orderId: string; reservationId: string; settled?: string }[];
  failed: string[];
  duplicates: string[];
  released: number;
  errors: string[];
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const job = JSON.parse((await lines.next()).value as string) as WorkerJob;

  const config = loadInventoryConfig();
  const dataSource = createDataSource({
    env: config,
    entities: [...MESSAGING_ENTITIES],
    migrations: [],
    applicationName: 'inventory-test-worker',
  });
  await dataSource.initialize();
  const db = new Database(dataSource);
  const outbox = new Outbox(SERVICE_NAME);
  const stock = new StockChanges(config);
  const reserve = new ReserveStockUseCase(outbox, stock, config);
  const settle = new SettleReservationUseCase(outbox, stock);
  // Open the pool's connections now, so the race starts when "go" arrives, not at connect time.
  await Promise.all(Array.from({ length: config.DATABASE_POOL_SIZE }, () => db.manager.query('SELECT 1')));

  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await lines.next();

  const result: WorkerResult = { reserved: [], failed: [], duplicates: [], released: 0, errors: [] };
  const record = (error: unknown) =>
    result.errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

  if (job.kind === 'reserve') {
    await Promise.all(
      job.orders.map(async ({ then, ...command }) => {
        try {
          const outcome = await db.transaction((tx) => reserve.execute(tx, command));
          if (outcome.outcome === 'out_of_stock') return void result.failed.push(command.orderId);
          if (outcome.outcome === 'duplicate') return void result.duplicates.push(command.orderId);
          const ref = { orderId: command.orderId, reservationId: outcome.reservationId };
          const settled =
            then &&
            (await db.transaction((tx) =>
              then === 'commit' ? settle.commit(tx, ref) : settle.release(tx, ref),
            ));
          result.reserved.push({ ...ref, ...(settled ? { settled } : {}) });
        } catch (error) {
          record(error);
        }
      }),
    );
  } else {
    await Promise.all(
      Array.from({ length: job.sweepers }, async () => {
        try {
          for (;;) {
            const released = await db.transaction((tx) => settle.expireBatch(tx, job.batchSize));
            result.released += released;
            if (released === 0) return;
          }
        } catch (error) {
          record(error);
        }
      }),
    );
  }

  process.stdout.write(`${JSON.stringify(result)}\n`);
  await dataSource.destroy();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
