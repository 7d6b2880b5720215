import { randomUUID } from 'node:crypto';
import { createEnvelope, type TypedEnvelope } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { SERVICE_NAME } from '../src/config';
import { lockProductsOfBatch } from '../src/reservations/batch-locks';
import { ReserveStockUseCase } from '../src/reservations/reserve-stock';
import { SettleReservationUseCase } from '../src/reservations/settle-reservation';
import { StockChanges } from '../src/stock/stock-changes';
import { openTestDatabase } from './support/database';
import { createWarehouse, invariantViolations, seedProduct, stockOf } from './support/fixtures';

jest.setTimeout(60_000);

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const reserveCommand = (
  items: Array<{ productId: string; quantity: number }>,
  orderId: string = randomUUID(),
): TypedEnvelope<'inventory.reserve'> =>
  createEnvelope(
    { type: 'inventory.reserve', aggregateId: orderId, data: { orderId, items, expiresAt: inMinutes(10) } },
    { source: 'order-service', correlationId: `checkout-${orderId}` },
  );

/** Commands cut into batches of `size`, in order. */
const batchesOf = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

describe('reserve commands applied as a batch', () => {
  let db: Database;
  let useCase: ReserveStockUseCase;
  let settle: SettleReservationUseCase;
  let wa: string;
  let wb: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    useCase = new ReserveStockUseCase(
      new Outbox(SERVICE_NAME),
      new StockChanges({ LOW_STOCK_THRESHOLD: 2 }),
      { RESERVATION_TTL_SECONDS: 900 },
    );
    settle = new SettleReservationUseCase(
      new Outbox(SERVICE_NAME),
      new StockChanges({ LOW_STOCK_THRESHOLD: 2 }),
    );
    [wa, wb] = [await createWarehouse(db), await createWarehouse(db)];
  }, 60_000);

  afterAll(async () => {
    await db?.dataSource.destroy();
  });

  const answers = async (orderIds: string[]) =>
    (await db.manager.query(
      `SELECT message_key AS "orderId", event_type AS type, payload->>'correlationId' AS "correlationId",
              payload->>'causationId' AS "causationId"
         FROM outbox_messages WHERE message_key = ANY($1::text[]) ORDER BY id`,
      [orderIds],
    )) as Array<{ orderId: string; type: string; correlationId: string; causationId: string }>;

  it('never oversells when batches from concurrent transactions race for the last units', async () => {
    const scarce = await seedProduct(db, { [wa]: 3, [wb]: 2 });
    const plenty = await seedProduct(db, { [wa]: 1_000 });
    // Every order wants the scarce product and most want the plentiful one too, in varying order,
    // so concurrent batches lock overlapping products: sorted locks keep them from deadlocking.
    const commands = Array.from({ length: 60 }, (_, i) =>
      reserveCommand(
        i % 3 === 0
          ? [{ productId: scarce, quantity: 1 }]
          : [
              { productId: i % 2 === 0 ? plenty : scarce, quantity: 1 },
              { productId: i % 2 === 0 ? scarce : plenty, quantity: 1 },
            ],
      ),
    );
    await Promise.all(
      batchesOf(commands, 10).map((batch) => db.transaction((tx) => useCase.executeBatch(tx, batch))),
    );

    const orderIds = commands.map((command) => command.data.orderId);
    const outcome = await answers(orderIds);
    expect(outcome.filter((answer) => answer.type === 'inventory.reserved')).toHaveLength(5);
    expect(outcome.filter((answer) => answer.type === 'inventory.reservation-failed')).toHaveLength(55);
    expect(await stockOf(db, scarce)).toEqual(
      [
        { warehouseId: wa, onHand: 3, reserved: 3 },
        { warehouseId: wb, onHand: 2, reserved: 2 },
      ].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    );
    expect(await invariantViolations(db, [scarce, plenty])).toEqual([]);
    // Each answer continues its own command's request.
    for (const command of commands) {
      const answer = outcome.find((row) => row.orderId === command.data.orderId);
      expect(answer).toMatchObject({
        correlationId: `checkout-${command.data.orderId}`,
        causationId: command.id,
      });
    }
  });

  it('decides in order within a batch, and answers a repeated order with its first outcome', async () => {
    const productId = await seedProduct(db, { [wa]: 2 });
    const first = reserveCommand([{ productId, quantity: 2 }]);
    const second = reserveCommand([{ productId, quantity: 1 }]);
    const again = reserveCommand([{ productId, quantity: 2 }], first.data.orderId);
    await db.transaction((tx) => useCase.executeBatch(tx, [first, second, again]));

    const outcome = await answers([first.data.orderId, second.data.orderId]);
    expect(outcome.map(({ orderId, type, causationId }) => ({ orderId, type, causationId }))).toEqual([
      { orderId: first.data.orderId, type: 'inventory.reserved', causationId: first.id },
      { orderId: second.data.orderId, type: 'inventory.reservation-failed', causationId: second.id },
      { orderId: first.data.orderId, type: 'inventory.reserved', causationId: again.id },
    ]);
    expect(await stockOf(db, productId)).toEqual([{ warehouseId: wa, onHand: 2, reserved: 2 }]);
    const [{ reservations }] = (await db.manager.query(
      `SELECT count(*)::int AS reservations FROM reservations WHERE order_id = $1`,
      [first.data.orderId],
    )) as Array<{ reservations: number }>;
    expect(reservations).toBe(1);
  });

  it('runs mixed batches of reserves and commits from concurrent transactions without a deadlock', async () => {
    const products = [
      await seedProduct(db, { [wa]: 500 }),
      await seedProduct(db, { [wa]: 500 }),
      await seedProduct(db, { [wa]: 500 }),
    ];
    // Reserved first, so each batch below can commit some of them while it reserves others.
    const earlier = Array.from({ length: 24 }, (_, i) =>
      reserveCommand([
        { productId: products[i % 3], quantity: 1 },
        { productId: products[(i + 1) % 3], quantity: 1 },
      ]),
    );
    await db.transaction((tx) => useCase.executeBatch(tx, earlier));
    const reservations = (await db.manager.query(
      `SELECT id, order_id AS "orderId" FROM reservations WHERE order_id = ANY($1::uuid[])`,
      [earlier.map((command) => command.data.orderId)],
    )) as Array<{ id: string; orderId: string }>;

    // Each batch commits reservations one after the other (each locking its products as it comes),
    // then reserves: without every product locked up front, two batches would each hold a product
    // the other wants next.
    const batches = Array.from({ length: 6 }, (_, b) => {
      const reserves = Array.from({ length: 4 }, (_, i) =>
        reserveCommand([
          { productId: products[(b + i + 2) % 3], quantity: 1 },
          { productId: products[(b + i) % 3], quantity: 1 },
        ]),
      );
      const commits = reservations.slice(b * 4, b * 4 + 4).map((reservation) =>
        createEnvelope(
          {
            type: 'inventory.commit',
            aggregateId: reservation.orderId,
            data: { orderId: reservation.orderId, reservationId: reservation.id },
          },
          { source: 'order-service' },
        ),
      );
      return { reserves, commits };
    });
    const outcomes = await Promise.allSettled(
      batches.map(({ reserves, commits }) =>
        db.transaction(async (tx) => {
          await lockProductsOfBatch(tx, [...commits, ...reserves]);
          for (const commit of commits) await settle.commit(tx, commit.data);
          await useCase.executeBatch(tx, reserves);
        }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(await invariantViolations(db, products)).toEqual([]);
    const [{ committed }] = (await db.manager.query(
      `SELECT count(*)::int AS committed FROM reservations WHERE order_id = ANY($1::uuid[]) AND status = 'COMMITTED'`,
      [reservations.map((reservation) => reservation.orderId)],
    )) as Array<{ committed: number }>;
    expect(committed).toBe(24);
  });
});
