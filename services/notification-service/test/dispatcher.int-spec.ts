import { randomUUID } from 'node:crypto';
import type { Database } from '@ecommerce/database';
import { eventually } from '@ecommerce/testing';
import { DeliveryRepository } from '../src/delivery/delivery.repository';
import { RecordNotificationsUseCase } from '../src/notifications/record-notifications';
import { NotificationsRepository } from '../src/notifications/notifications.repository';
import { startTestApp, type TestApp } from './support/app';
import { openTestDatabase } from './support/database';
import { notificationsFor, pendingNotification } from './support/fixtures';

jest.setTimeout(60_000);

describe('claiming notifications', () => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
  });

  afterAll(async () => close?.());

  it('gives concurrent dispatchers disjoint batches that together cover every due notification', async () => {
    await db.transaction((tx) =>
      NotificationsRepository.insert(
        tx,
        Array.from({ length: 60 }, () => pendingNotification()),
      ),
    );
    const batches = await Promise.all(
      Array.from({ length: 6 }, () => DeliveryRepository.claim(db.manager, 15, 60_000)),
    );
    const ids = batches.flat().map((notification) => notification.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    // Claimed: not due again until the claim times out.
    expect(await DeliveryRepository.claim(db.manager, 100, 60_000)).toEqual([]);
    expect((await DeliveryRepository.backlog(db.manager)).pending).toBe(60);
  });

  it("finds a failed payment's recipient once the order and its owner are known", async () => {
    const orderId = randomUUID();
    const userId = randomUUID();
    await db.transaction((tx) =>
      NotificationsRepository.insert(tx, [
        pendingNotification({
          template: 'payment.failed',
          recipient: `order:${orderId}`,
          userId: null,
          orderId,
          email: null,
        }),
      ]),
    );
    const [unknown] = await DeliveryRepository.claim(db.manager, 100, 0);
    expect(unknown).toMatchObject({ userId: null, email: null, attempts: 1 });

    await db.manager.query(
      `INSERT INTO users (user_id, email, name) VALUES ($1, 'owner@example.com', 'Owner')`,
      [userId],
    );
    await db.manager.query(`INSERT INTO orders (order_id, user_id) VALUES ($1, $2)`, [orderId, userId]);
    const [known] = await DeliveryRepository.claim(db.manager, 100, 60_000);
    expect(known).toMatchObject({ id: unknown.id, userId, email: 'owner@example.com', attempts: 2 });
  });

  it('does not let a dispatcher whose claim timed out overwrite the newer attempt', async () => {
    await db.transaction((tx) => NotificationsRepository.insert(tx, [pendingNotification()]));
    const [first] = await DeliveryRepository.claim(db.manager, 100, 0);
    const [second] = await DeliveryRepository.claim(db.manager, 100, 60_000);
    expect([first.id, first.attempts, second.attempts]).toEqual([second.id, 1, 2]);
    const attempt = {
      transport: 'sendgrid',
      responseCode: 202,
      error: null,
      durationMs: 5,
      retryInMs: 0,
      notificationId: first.id,
    };
    const stale = await db.transaction(async (tx) =>
      (await DeliveryRepository.recordAttempts(tx, [{ ...attempt, attempt: 1, outcome: 'FAILED' }])).has(
        first.id,
      ),
    );
    const current = await db.transaction(async (tx) =>
      (await DeliveryRepository.recordAttempts(tx, [{ ...attempt, attempt: 2, outcome: 'SENT' }])).has(
        first.id,
      ),
    );
    expect([stale, current]).toEqual([false, true]);
    const [row] = await db.manager.query(`SELECT status FROM notifications WHERE id = $1`, [first.id]);
    expect(row.status).toBe('SENT');
    // Both attempts stay in the delivery log.
    expect(
      await db.manager.query(`SELECT count(*)::int AS n FROM delivery_attempts WHERE notification_id = $1`, [
        first.id,
      ]),
    ).toEqual([{ n: 2 }]);
  });
});

describe('waking the dispatcher', () => {
  let t: TestApp;

  // Polls and retries far beyond the test's patience: only the NOTIFY of an insert can make it send in time.
  beforeAll(async () => {
    t = await startTestApp({
      NOTIFICATION_POLL_INTERVAL_MS: '600000',
      NOTIFICATION_RETRY_BASE_MS: '600000',
      NOTIFICATION_RETRY_MAX_MS: '600000',
    });
    // The first pass after start-up runs at once; let it finish and go to sleep.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60_000);

  afterAll(async () => t?.close(), 60_000);

  it('sends a notification within moments of its commit', async () => {
    const userId = randomUUID();
    await t.db.manager.query(`INSERT INTO users (user_id, email, name) VALUES ($1, $2, 'Woken')`, [
      userId,
      `${userId}@example.com`,
    ]);
    const record = t.app.get(RecordNotificationsUseCase);
    const values = { orderId: randomUUID(), total: '€1.00', itemCount: '1' };
    await t.db.transaction((tx) =>
      record.execute(tx, randomUUID(), 'order.shipped', { kind: 'user', userId }, values),
    );
    await eventually(
      async () =>
        expect((await notificationsFor(t.db, { userId })).map((row) => row.status)).toEqual(['SENT', 'SENT']),
      {
        timeoutMs: 3_000,
      },
    );
  });
});
