import { randomUUID } from 'node:crypto';
import type { Database } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { SERVICE_NAME } from '../src/config';
import { ReserveStockUseCase } from '../src/reservations/reserve-stock';
import { StockChanges } from '../src/stock/stock-changes';
import { openTestDatabase } from './support/database';
import { createWarehouse, invariantViolations, seedProduct, stockOf } from './support/fixtures';
import type { WorkerJob, WorkerResult } from './support/reserve-worker';
import { runWorkers } from './support/workers';

jest.setTimeout(120_000);

const PROCESSES = 4;
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** Deals items round-robin into `n` piles, one per process. */
const deal = <T>(items: T[], n: number): T[][] =>
  Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));

const all = (results: WorkerResult[]) => ({
  reserved: results.flatMap((r) => r.reserved),
  failed: results.flatMap((r) => r.failed),
  duplicates: results.flatMap((r) => r.duplicates),
  released: results.reduce((sum, r) => sum + r.released, 0),
  errors: results.flatMap((r) => r.errors),
});

describe(`reservations racing from ${PROCESSES} processes`, () => {
  let db: Database;
  let wa: string;
  let wb: string;
  let wc: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    [wa, wb, wc] = [await createWarehouse(db), await createWarehouse(db), await createWarehouse(db)];
  }, 60_000);

  afterAll(async () => {
    await db?.dataSource.destroy();
  });

  const outboxCount = async (type: string, orderIds: string[]): Promise<number> => {
    const [{ n }] = (await db.manager.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE event_type = $1 AND message_key = ANY($2::text[])`,
      [type, orderIds],
    )) as { n: number }[];
    return n;
  };

  it('gives the last 5 units to exactly 5 of 50 concurrent orders', async () => {
    const productId = await seedProduct(db, { [wa]: 3, [wb]: 2 });
    const orders = Array.from({ length: 50 }, () => ({
      orderId: randomUUID(),
      items: [{ productId, quantity: 1 }],
      expiresAt: inMinutes(10),
    }));
    const results = all(
      await runWorkers(deal(orders, PROCESSES).map((pile): WorkerJob => ({ kind: 'reserve', orders: pile }))),
    );

    expect(results.errors).toEqual([]);
    expect(results.reserved).toHaveLength(5);
    expect(results.failed).toHaveLength(45);
    expect(await stockOf(db, productId)).toEqual(
      [
        { warehouseId: wa, onHand: 3, reserved: 3 },
        { warehouseId: wb, onHand: 2, reserved: 2 },
      ].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    );
    expect(await invariantViolations(db, [productId])).toEqual([]);
    const orderIds = orders.map((o) => o.orderId);
    expect(await outboxCount('inventory.reserved', orderIds)).toBe(5);
    expect(await outboxCount('inventory.reservation-failed', orderIds)).toBe(45);
    // Every winner saw a different availability: 4, 3, 2, 1, 0 left, each announced once.
    const changes: { available: number }[] = await db.manager.query(
      `SELECT (payload->'data'->>'available')::int AS available FROM outbox_messages WHERE event_type = 'inventory.stock-changed' AND message_key = $1 ORDER BY id`,
      [productId],
    );
    expect(changes.map((c) => c.available).sort()).toEqual([0, 1, 2, 3, 4]);
    const [{ alerts }] = (await db.manager.query(
      `SELECT count(*)::int AS alerts FROM outbox_messages WHERE event_type = 'inventory.low-stock' AND message_key = $1`,
      [productId],
    )) as { alerts: number }[];
    expect(alerts).toBe(1);
  });

  it('never oversells under a mixed load of multi-line orders, commits, releases and duplicates', async () => {
    const initial: Record<string, Record<string, number>> = {};
    const products: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const stock = { [wa]: 3 + i, [wb]: 10 - i, [wc]: i % 2 === 0 ? 4 : 0 };
      const productId = await seedProduct(db, stock);
      products.push(productId);
      initial[productId] = stock;
    }
    // A fixed pseudo-random sequence: the same orders every run.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const orders: (WorkerJob & { kind: 'reserve' })['orders'] = [];
    for (let i = 0; i < 240; i += 1) {
      const lineCount = 1 + Math.floor(random() * 3);
      const items = Array.from({ length: lineCount }, () => ({
        productId: products[Math.floor(random() * products.length)],
        quantity: 1 + Math.floor(random() * 4),
      }));
      const roll = random();
      orders.push({
        orderId: randomUUID(),
        items,
        expiresAt: inMinutes(10),
        ...(roll < 0.3 ? { then: 'commit' as const } : roll < 0.5 ? { then: 'release' as const } : {}),
      });
    }
    // Each process also repeats some other process's orders: duplicates racing the originals.
    const piles = deal(orders, PROCESSES).map((pile, i, piles) => [
      ...pile,
      ...piles[(i + 1) % PROCESSES].slice(0, 10),
    ]);
    const results = all(
      await runWorkers(piles.map((pile): WorkerJob => ({ kind: 'reserve', orders: pile }))),
    );

    expect(results.errors).toEqual([]);
    expect(results.reserved.length + results.failed.length).toBe(orders.length);
    expect(results.duplicates).toHaveLength(PROCESSES * 10);
    expect(results.reserved.length).toBeGreaterThan(10);
    expect(results.failed.length).toBeGreaterThan(10);
    expect(await invariantViolations(db, products)).toEqual([]);

    // On hand went down by exactly the committed lines, per warehouse.
    const committed: { productId: string; warehouseId: string; quantity: number }[] = await db.manager.query(
      `SELECT l.product_id AS "productId", l.warehouse_id AS "warehouseId", sum(l.quantity)::int AS quantity
         FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
        WHERE r.status = 'COMMITTED' AND l.product_id = ANY($1::uuid[])
        GROUP BY 1, 2`,
      [products],
    );
    for (const productId of products) {
      for (const row of await stockOf(db, productId)) {
        const taken =
          committed.find((c) => c.productId === productId && c.warehouseId === row.warehouseId)?.quantity ??
          0;
        expect(row.onHand).toBe(initial[productId][row.warehouseId] - taken);
        expect(row.reserved).toBeLessThanOrEqual(row.onHand);
      }
    }
    const statuses: { status: string; n: number }[] = await db.manager.query(
      `SELECT status, count(*)::int AS n FROM reservations WHERE order_id = ANY($1::uuid[]) GROUP BY status`,
      [orders.map((o) => o.orderId)],
    );
    expect(statuses.reduce((sum, s) => sum + s.n, 0)).toBe(orders.length);
    expect(results.reserved.filter((r) => r.settled === 'committed')).toHaveLength(
      statuses.find((s) => s.status === 'COMMITTED')?.n ?? 0,
    );
    // The movement log replays to the current stock.
    const replay: { productId: string; warehouseId: string; onHand: number; reserved: number }[] =
      await db.manager.query(
        `SELECT product_id AS "productId", warehouse_id AS "warehouseId", sum(delta_on_hand)::int AS "onHand", sum(delta_reserved)::int AS reserved
         FROM stock_movements WHERE product_id = ANY($1::uuid[]) GROUP BY 1, 2`,
        [products],
      );
    for (const productId of products) {
      for (const row of await stockOf(db, productId)) {
        const moved = replay.find((r) => r.productId === productId && r.warehouseId === row.warehouseId) ?? {
          onHand: 0,
          reserved: 0,
        };
        expect({
          onHand: initial[productId][row.warehouseId] + moved.onHand,
          reserved: moved.reserved,
        }).toEqual({ onHand: row.onHand, reserved: row.reserved });
      }
    }
  });

  it('releases each expired reservation exactly once with sweepers in several processes', async () => {
    const products = [await seedProduct(db, { [wa]: 100, [wb]: 100 }), await seedProduct(db, { [wa]: 100 })];
    const expired = Array.from({ length: 60 }, (_, i) => ({
      orderId: randomUUID(),
      items: [{ productId: products[i % 2], quantity: 1 + (i % 3) }],
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
    }));
    const reserve = new ReserveStockUseCase(
      new Outbox(SERVICE_NAME),
      new StockChanges({ LOW_STOCK_THRESHOLD: 5 }),
      { RESERVATION_TTL_SECONDS: 900 },
    );
    for (const order of expired)
      expect((await db.transaction((tx) => reserve.execute(tx, order))).outcome).toBe('reserved');

    const sweeping = all(
      await runWorkers(
        Array.from({ length: PROCESSES }, (): WorkerJob => ({ kind: 'sweep', sweepers: 2, batchSize: 7 })),
      ),
    );
    expect(sweeping.errors).toEqual([]);
    const orderIds = expired.map((o) => o.orderId);
    const [{ n }] = (await db.manager.query(
      `SELECT count(*)::int AS n FROM reservations WHERE order_id = ANY($1::uuid[]) AND status = 'RELEASED' AND release_reason = 'EXPIRED'`,
      [orderIds],
    )) as { n: number }[];
    expect(n).toBe(60);
    expect(await outboxCount('inventory.released', orderIds)).toBe(60);
    const [{ expiries }] = (await db.manager.query(
      `SELECT count(*)::int AS expiries FROM stock_movements WHERE reason = 'expiry' AND reference = ANY($1::text[])`,
      [orderIds],
    )) as { expiries: number }[];
    const [{ lines }] = (await db.manager.query(
      `SELECT count(*)::int AS lines FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id WHERE r.order_id = ANY($1::uuid[])`,
      [orderIds],
    )) as { lines: number }[];
    expect(expiries).toBe(lines);
    for (const productId of products)
      expect((await stockOf(db, productId)).every((row) => row.reserved === 0)).toBe(true);
    expect(await invariantViolations(db, products)).toEqual([]);
  });
});
