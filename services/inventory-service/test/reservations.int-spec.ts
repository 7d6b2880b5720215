import { randomUUID } from 'node:crypto';
import { Topics, type EventEnvelope } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app';
import {
  createWarehouse,
  invariantViolations,
  productSnapshot,
  seedProduct,
  stockOf,
} from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(45_000);

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('reservations through Kafka', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let wa: string;
  let wb: string;

  beforeAll(async () => {
    // A fast sweeper, so expiry is observable within a test.
    t = await startTestApp({ RESERVATION_SWEEP_INTERVAL_MS: '200' });
    publisher = await new TestPublisher().start();
    recorder = await new TopicRecorder([Topics.inventoryEvents]).start();
    await waitForConsumers(t.db, publisher);
    wa = await createWarehouse(t.db);
    wb = await createWarehouse(t.db);
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
  }, 60_000);

  const reserve = (
    orderId: string,
    items: { productId: string; quantity: number }[],
    expiresAt = inMinutes(10),
  ) => publisher.publish('inventory.reserve', orderId, { orderId, items, expiresAt });
  const release = (orderId: string, reservationId: string) =>
    publisher.publish('inventory.release', orderId, { orderId, reservationId });
  const commit = (orderId: string, reservationId: string) =>
    publisher.publish('inventory.commit', orderId, { orderId, reservationId });

  /** Every reservation answer for the order so far. */
  const answers = (orderId: string): EventEnvelope[] =>
    recorder.messages.filter((m) => m.key === orderId).map((m) => m.envelope);
  const nthAnswer = (orderId: string, n: number) =>
    eventually(() => {
      const found = answers(orderId);
      if (found.length < n) throw new Error(`${found.length} answers for ${orderId}`);
      return found[n - 1];
    });
  const reservedBy = async (orderId: string) => {
    const answer = await nthAnswer(orderId, 1);
    expect(answer.type).toBe('inventory.reserved');
    return answer.data as {
      orderId: string;
      reservationId: string;
      items: { productId: string; warehouseId: string; quantity: number }[];
    };
  };
  const reservationStatus = async (orderId: string) =>
    (
      (await t.db.manager.query(
        `SELECT status, release_reason AS "releaseReason" FROM reservations WHERE order_id = $1`,
        [orderId],
      )) as object[]
    )[0];
  const processed = (eventId: string) =>
    eventually(async () => {
      const rows: unknown[] = await t.db.manager.query(
        `SELECT 1 FROM inbox_messages WHERE event_id = $1 AND consumer_group = $2`,
        // The group's name in Kafka, which the inbox records: the test run's prefix comes first.
        [eventId, `${t.config.KAFKA_TOPIC_PREFIX}${t.config.KAFKA_CONSUMER_GROUP}`],
      );
      if (rows.length === 0) throw new Error(`event ${eventId} not processed yet`);
    });

  it('reserves every line, spreading each over warehouses with the most stock first', async () => {
    const p1 = await seedProduct(t.db, { [wa]: 4, [wb]: 10 });
    const p2 = await seedProduct(t.db, { [wa]: 3 });
    const orderId = randomUUID();
    await reserve(orderId, [
      { productId: p1, quantity: 12 },
      { productId: p2, quantity: 2 },
    ]);
    const reserved = await reservedBy(orderId);
    expect(reserved.orderId).toBe(orderId);
    expect(reserved.items).toEqual(
      expect.arrayContaining([
        { productId: p1, warehouseId: wb, quantity: 10 },
        { productId: p1, warehouseId: wa, quantity: 2 },
        { productId: p2, warehouseId: wa, quantity: 2 },
      ]),
    );
    expect(reserved.items).toHaveLength(3);
    const view = await request(t.http).get(`/api/inventory/${p1}`);
    expect(view.body).toMatchObject({ available: 2, reserved: 12 });
    await eventually(() =>
      expect(recorder.ofType('inventory.stock-changed', p1).map((m) => m.envelope.data)).toEqual([
        { productId: p1, available: 2 },
      ]),
    );
    expect(await invariantViolations(t.db, [p1, p2])).toEqual([]);
  });

  it('reserves nothing when one line is short, and names every short line', async () => {
    const plenty = await seedProduct(t.db, { [wa]: 100 });
    const scarce = await seedProduct(t.db, { [wa]: 1, [wb]: 1 });
    const unknown = randomUUID();
    const orderId = randomUUID();
    await reserve(orderId, [
      { productId: plenty, quantity: 5 },
      { productId: scarce, quantity: 3 },
      { productId: unknown, quantity: 1 },
    ]);
    const answer = await nthAnswer(orderId, 1);
    expect(answer.type).toBe('inventory.reservation-failed');
    expect(answer.data).toEqual({
      orderId,
      reason: 'OUT_OF_STOCK',
      items: expect.arrayContaining([
        { productId: scarce, requested: 3, available: 2 },
        { productId: unknown, requested: 1, available: 0 },
      ]),
    });
    expect((answer.data as { items: unknown[] }).items).toHaveLength(2);
    expect(await stockOf(t.db, plenty)).toEqual([{ warehouseId: wa, onHand: 100, reserved: 0 }]);
    expect(await reservationStatus(orderId)).toEqual({ status: 'FAILED', releaseReason: null });
  });

  it('answers a repeated reserve for the same order with the first outcome, reserving once', async () => {
    const productId = await seedProduct(t.db, { [wa]: 10 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 4 }]);
    const first = await reservedBy(orderId);
    // The order service retries with a new command (new event id): same answer, no second reservation.
    await reserve(orderId, [{ productId, quantity: 4 }]);
    const second = await nthAnswer(orderId, 2);
    expect(second.type).toBe('inventory.reserved');
    expect(second.data).toEqual(first);
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 10, reserved: 4 }]);

    // A failed order keeps its failure even if stock arrives later.
    const failedOrder = randomUUID();
    await reserve(failedOrder, [{ productId, quantity: 7 }]);
    expect((await nthAnswer(failedOrder, 1)).type).toBe('inventory.reservation-failed');
    await request(t.http)
      .put(`/api/inventory/${productId}/warehouses/${wa}`)
      .set('Authorization', `Bearer ${await t.tokens.admin()}`)
      .send({ onHand: 50 });
    await reserve(failedOrder, [{ productId, quantity: 7 }]);
    const again = await nthAnswer(failedOrder, 2);
    expect(again.type).toBe('inventory.reservation-failed');
    expect(again.data).toEqual({
      orderId: failedOrder,
      reason: 'OUT_OF_STOCK',
      items: [{ productId, requested: 7, available: 6 }],
    });
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 50, reserved: 4 }]);
  });

  it('applies a redelivered event once (inbox)', async () => {
    const productId = await seedProduct(t.db, { [wa]: 10 });
    const orderId = randomUUID();
    const envelope = publisher.envelope('inventory.reserve', orderId, {
      orderId,
      items: [{ productId, quantity: 3 }],
      expiresAt: inMinutes(10),
    });
    await publisher.send(envelope, envelope);
    await reservedBy(orderId);
    // A command with the same key lands on the same partition after both copies: once it is
    // processed, so is the duplicate.
    const after = await release(orderId, randomUUID());
    await processed(after.id);
    expect(answers(orderId)).toHaveLength(1);
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 10, reserved: 3 }]);
  });

  it('releases on command, once; a later commit or release changes nothing', async () => {
    const productId = await seedProduct(t.db, { [wa]: 6 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 6 }]);
    const { reservationId } = await reservedBy(orderId);
    await release(orderId, reservationId);
    const released = await nthAnswer(orderId, 2);
    expect(released).toMatchObject({ type: 'inventory.released', data: { orderId, reservationId } });
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 6, reserved: 0 }]);

    const late = [
      await release(orderId, reservationId),
      await commit(orderId, reservationId),
      await commit(orderId, reservationId),
    ];
    for (const envelope of late) await processed(envelope.id);
    expect(answers(orderId)).toHaveLength(2);
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 6, reserved: 0 }]);
    expect(await reservationStatus(orderId)).toEqual({ status: 'RELEASED', releaseReason: 'RELEASED' });
  });

  it('commits once into a stock decrement; a release afterwards restocks those units once', async () => {
    const productId = await seedProduct(t.db, { [wa]: 5, [wb]: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 7 }]);
    const { reservationId } = await reservedBy(orderId);
    await commit(orderId, reservationId);
    expect(await nthAnswer(orderId, 2)).toMatchObject({
      type: 'inventory.committed',
      data: { orderId, reservationId },
    });
    const afterCommit = await stockOf(t.db, productId);
    expect(afterCommit.reduce((sum, row) => sum + row.onHand, 0)).toBe(3);
    expect(afterCommit.every((row) => row.reserved === 0)).toBe(true);
    // Availability went from 10 to 3 with the reservation; the commit left it at 3 and says nothing.
    const stockChanges: { data: unknown }[] = await t.db.manager.query(
      `SELECT payload->'data' AS data FROM outbox_messages WHERE event_type = 'inventory.stock-changed' AND message_key = $1 ORDER BY id`,
      [productId],
    );
    expect(stockChanges.map((row) => row.data)).toEqual([{ productId, available: 3 }]);

    const ignored = [await commit(orderId, reservationId), await release(randomUUID(), reservationId)];
    for (const envelope of ignored) await processed(envelope.id);
    expect(answers(orderId)).toHaveLength(2);
    expect(await stockOf(t.db, productId)).toEqual(afterCommit);

    // The customer cancelled the confirmed order before shipping: the units go back where they came from.
    await release(orderId, reservationId);
    expect(await nthAnswer(orderId, 3)).toMatchObject({
      type: 'inventory.released',
      data: { orderId, reservationId },
    });
    const restocked = await stockOf(t.db, productId);
    expect(restocked.map((row) => ({ onHand: row.onHand, reserved: row.reserved }))).toEqual([
      { onHand: 5, reserved: 0 },
      { onHand: 5, reserved: 0 },
    ]);
    expect(await reservationStatus(orderId)).toEqual({ status: 'RELEASED', releaseReason: 'RELEASED' });
    const repeated = [await release(orderId, reservationId), await commit(orderId, reservationId)];
    for (const envelope of repeated) await processed(envelope.id);
    expect(answers(orderId)).toHaveLength(3);
    expect(await stockOf(t.db, productId)).toEqual(restocked);

    const movements = await request(t.http)
      .get(`/api/inventory/${productId}/movements`)
      .set('Authorization', `Bearer ${await t.tokens.admin()}`);
    expect(movements.body.items.map((m: { reason: string }) => m.reason).sort()).toEqual([
      'commit',
      'commit',
      'reservation',
      'reservation',
      'restock',
      'restock',
    ]);
    expect(
      movements.body.items.every(
        (m: { actor: string; reference: string }) => m.actor === 'system' && m.reference === orderId,
      ),
    ).toBe(true);
  });

  it('releases expired reservations (the command expiresAt wins over the TTL) and re-takes stock on a late commit', async () => {
    const productId = await seedProduct(t.db, { [wa]: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }], new Date(Date.now() + 1_000).toISOString());
    const { reservationId } = await reservedBy(orderId);
    const released = await eventually(
      () => {
        const answer = answers(orderId)[1];
        if (!answer) throw new Error('not released yet');
        return answer;
      },
      { timeoutMs: 15_000 },
    );
    expect(released).toMatchObject({ type: 'inventory.released', data: { orderId, reservationId } });
    expect(await reservationStatus(orderId)).toEqual({ status: 'RELEASED', releaseReason: 'EXPIRED' });
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 5, reserved: 0 }]);

    // Paid after expiry: the stock is still there, so the commit takes it.
    await commit(orderId, reservationId);
    expect(await nthAnswer(orderId, 3)).toMatchObject({
      type: 'inventory.committed',
      data: { orderId, reservationId },
    });
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 3, reserved: 0 }]);
  });

  it('answers a late commit that finds no stock with reservation-failed, takes nothing, and ignores it when repeated', async () => {
    const productId = await seedProduct(t.db, { [wa]: 2 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }], new Date(Date.now() + 500).toISOString());
    const { reservationId } = await reservedBy(orderId);
    await nthAnswer(orderId, 2);
    const other = randomUUID();
    await reserve(other, [{ productId, quantity: 2 }]);
    await reservedBy(other);

    await commit(orderId, reservationId);
    expect(await nthAnswer(orderId, 3)).toMatchObject({
      type: 'inventory.reservation-failed',
      data: { orderId, reason: 'OUT_OF_STOCK', items: [{ productId, requested: 2, available: 0 }] },
    });
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 2, reserved: 2 }]);
    expect(await reservationStatus(orderId)).toEqual({ status: 'FAILED', releaseReason: 'EXPIRED' });

    // The other order's stock comes back, and the same commit is delivered again: still nothing taken.
    await release(other, (await reservedBy(other)).reservationId);
    expect(await nthAnswer(other, 2)).toMatchObject({ type: 'inventory.released' });
    const repeated = await commit(orderId, reservationId);
    await processed(repeated.id);
    expect(answers(orderId).map((a) => a.type)).toEqual([
      'inventory.reserved',
      'inventory.released',
      'inventory.reservation-failed',
    ]);
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 2, reserved: 0 }]);
  });

  it('publishes low-stock once as reservations eat into stock, and again after a restock above the threshold', async () => {
    const productId = await seedProduct(t.db, { [wa]: 9 }, { threshold: 5 });
    const orders: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const orderId = randomUUID();
      orders.push(orderId);
      await reserve(orderId, [{ productId, quantity: 2 }]);
      await reservedBy(orderId);
    }
    // 9 -> 7 -> 5 (alert) -> 3 -> 1: one alert.
    await eventually(() => expect(recorder.ofType('inventory.stock-changed', productId)).toHaveLength(4));
    expect(recorder.ofType('inventory.low-stock', productId).map((m) => m.envelope.data)).toEqual([
      { productId, available: 5, threshold: 5 },
    ]);

    // Releasing two orders brings it to 5: still low, still no second alert.
    for (const orderId of orders.slice(0, 2))
      await release(orderId, (await reservedBy(orderId)).reservationId);
    await eventually(() => expect(recorder.ofType('inventory.stock-changed', productId)).toHaveLength(6));
    expect(recorder.ofType('inventory.low-stock', productId)).toHaveLength(1);

    // Above the threshold re-arms it; falling back to it alerts again.
    await release(orders[2], (await reservedBy(orders[2])).reservationId);
    const next = randomUUID();
    await reserve(next, [{ productId, quantity: 2 }]);
    await reservedBy(next);
    await eventually(() => expect(recorder.ofType('inventory.low-stock', productId)).toHaveLength(2));
    expect(recorder.ofType('inventory.low-stock', productId)[1].envelope.data).toEqual({
      productId,
      available: 5,
      threshold: 5,
    });
    expect(await invariantViolations(t.db, [productId])).toEqual([]);
  });

  it('marks a deleted product inactive: no new reservations, existing ones still honoured', async () => {
    const productId = await seedProduct(t.db, { [wa]: 10 });
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 3 }]);
    const { reservationId } = await reservedBy(orderId);

    const deleted = await publisher.publish('product.deleted', productId, { productId }, 'product-service');
    await processed(deleted.id);
    const view = await request(t.http).get(`/api/inventory/${productId}`);
    expect(view.body).toMatchObject({ productId, active: false, available: 7, reserved: 3 });

    const refused = randomUUID();
    await reserve(refused, [{ productId, quantity: 1 }]);
    expect(await nthAnswer(refused, 1)).toMatchObject({
      type: 'inventory.reservation-failed',
      data: { items: [{ productId, requested: 1, available: 0 }] },
    });

    await commit(orderId, reservationId);
    expect((await nthAnswer(orderId, 2)).type).toBe('inventory.committed');
    expect(await stockOf(t.db, productId)).toEqual([{ warehouseId: wa, onHand: 7, reserved: 0 }]);
  });

  it('never lets an older catalog event (a redelivery, a DLQ replay) undo a newer one', async () => {
    const productId = await seedProduct(t.db, { [wa]: 4 });
    const snapshot = productSnapshot(productId);
    const stale = publisher.envelope('product.updated', productId, snapshot, 'product-service');
    const deleted = await publisher.publish('product.deleted', productId, { productId }, 'product-service');
    await processed(deleted.id);
    expect((await request(t.http).get(`/api/inventory/${productId}`)).body).toMatchObject({ active: false });

    // Written before the deletion, delivered after it: it must not bring the product back.
    await publisher.send({
      ...stale,
      occurredAt: new Date(Date.parse(deleted.occurredAt) - 60_000).toISOString(),
    });
    await processed(stale.id);
    expect((await request(t.http).get(`/api/inventory/${productId}`)).body).toMatchObject({ active: false });

    const newer = await publisher.publish('product.updated', productId, snapshot, 'product-service');
    await processed(newer.id);
    expect((await request(t.http).get(`/api/inventory/${productId}`)).body).toMatchObject({ active: true });
  });

  it('parks a malformed command on the DLQ and keeps consuming', async () => {
    const dlq = await new TopicRecorder([`${Topics.inventoryCommands}.dlq`]).start();
    try {
      const orderId = randomUUID();
      const bad = publisher.envelope('inventory.reserve', orderId, {
        orderId,
        items: [],
        expiresAt: inMinutes(5),
      });
      await publisher.send(bad);
      await eventually(() => expect(dlq.messages.some((m) => m.envelope.id === bad.id)).toBe(true), {
        timeoutMs: 15_000,
      });
      const productId = await seedProduct(t.db, { [wa]: 1 });
      const next = randomUUID();
      await reserve(next, [{ productId, quantity: 1 }]);
      await reservedBy(next);
    } finally {
      await dlq.stop();
    }
  });
});
