import { randomUUID } from 'node:crypto';
import { Topics } from '@ecommerce/contracts';
import { TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { createTestEnvironment, startTestApp, type TestApp, type TestEnvironment } from './support/app';
import { TestPublisher } from '@ecommerce/testing';
import { expectProblem } from './support/problem';
import { SagaDriver } from './support/saga-driver';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(60_000);

describe('the order saga through Kafka', () => {
  let env: TestEnvironment;
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let saga: SagaDriver;

  beforeAll(async () => {
    env = await createTestEnvironment();
    t = await startTestApp(env);
    publisher = await new TestPublisher({
      defaultSource: 'inventory-service',
    }).start();
    recorder = await new TopicRecorder([
      Topics.orderEvents,
      Topics.inventoryCommands,
      Topics.paymentCommands,
    ]).start();
    await waitForConsumers(t.db, publisher);
    saga = new SagaDriver(t, publisher, recorder);
  }, 90_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
    await env?.drop();
  }, 60_000);

  const customer = () => env.tokens.newCustomer();
  const admin = async () => `Bearer ${await env.tokens.admin()}`;
  const cancel = (orderId: string, auth: string) =>
    request(t.http).post(`/api/orders/${orderId}/cancel`).set('Authorization', auth);
  const ship = (orderId: string, auth: string) =>
    request(t.http).post(`/api/orders/${orderId}/ship`).set('Authorization', auth);
  const get = (orderId: string, auth: string) =>
    request(t.http).get(`/api/orders/${orderId}`).set('Authorization', auth);

  it('reserves, charges, confirms and commits the stock', async () => {
    const { id: userId, auth } = await customer();
    const { orderId, productId } = await saga.place(auth);
    const reservationId = randomUUID();
    await saga.reserved(orderId, productId, reservationId);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    const [authorize] = await saga.messages(orderId, 'payment.authorize');
    expect(authorize.data).toEqual({
      orderId,
      userId,
      amount: { amount: 2000, currency: 'EUR' },
      paymentMethod: 'pm_card_visa',
    });

    const paymentId = randomUUID();
    await saga.succeeded(orderId, paymentId);
    const row = await saga.status(orderId, 'CONFIRMED');
    expect(row).toMatchObject({ paymentId, paymentStatus: 'SUCCEEDED', step: null, stepDeadline: null });
    const [commit] = await saga.messages(orderId, 'inventory.commit');
    expect(commit.data).toEqual({ orderId, reservationId });
    const [confirmed] = await saga.messages(orderId, 'order.confirmed');
    expect(confirmed.data).toMatchObject({
      orderId,
      userId,
      status: 'CONFIRMED',
      total: { amount: 2000, currency: 'EUR' },
    });

    const view = await get(orderId, auth);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'CONFIRMED', payment: { id: paymentId, status: 'SUCCEEDED' } });
    expect(view.body.timeline.map((entry: { status: string }) => entry.status)).toEqual([
      'PENDING',
      'AWAITING_PAYMENT',
      'CONFIRMED',
    ]);
    for (const entry of view.body.timeline)
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(recorder.ofType('inventory.release', orderId)).toEqual([]);
  });

  it('cancels OUT_OF_STOCK when the reservation fails, and never asks for a payment', async () => {
    const { auth } = await customer();
    const { orderId, productId } = await saga.place(auth);
    await saga.reservationFailed(orderId, productId);
    await saga.status(orderId, 'CANCELLED', 'OUT_OF_STOCK');
    const [cancelled] = await saga.messages(orderId, 'order.cancelled');
    expect(cancelled.data).toMatchObject({ orderId, status: 'CANCELLED', reason: 'OUT_OF_STOCK' });
    expect(recorder.ofType('payment.authorize', orderId)).toEqual([]);
    expect((await get(orderId, auth)).body).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    });
  });

  it.each([
    ['DECLINED', 'PAYMENT_DECLINED'],
    ['PROVIDER_ERROR', 'PAYMENT_DECLINED'],
    ['FRAUD_SUSPECTED', 'FRAUD_SUSPECTED'],
  ] as const)('releases the stock and cancels when the payment fails %s', async (failure, reason) => {
    const { auth } = await customer();
    const { orderId, productId } = await saga.place(auth);
    const reservationId = randomUUID();
    await saga.reserved(orderId, productId, reservationId);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    await saga.failed(orderId, failure);
    await saga.status(orderId, 'CANCELLED', reason);
    const [release] = await saga.messages(orderId, 'inventory.release');
    expect(release.data).toEqual({ orderId, reservationId });
    expect((await saga.messages(orderId, 'order.cancelled'))[0].data).toMatchObject({ reason });
    expect(recorder.ofType('inventory.commit', orderId)).toEqual([]);
  });

  it('applies a redelivered answer once', async () => {
    const { auth } = await customer();
    const { orderId, productId } = await saga.place(auth);
    const envelope = publisher.envelope('inventory.reserved', orderId, {
      orderId,
      reservationId: randomUUID(),
      items: [{ productId, quantity: 2, warehouseId: randomUUID() }],
    });
    await publisher.send(envelope, envelope);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    // A later event with the same key lands after both copies.
    await saga.processed((await saga.failed(orderId, 'DECLINED')).id);
    expect(recorder.ofType('payment.authorize', orderId)).toHaveLength(1);
    expect((await saga.timeline(orderId)).map((entry) => entry.status)).toEqual([
      'PENDING',
      'AWAITING_PAYMENT',
      'CANCELLED',
    ]);
  });

  describe('late answers', () => {
    it('releases a reservation that arrives after the customer cancelled', async () => {
      const { auth } = await customer();
      const { orderId, productId } = await saga.place(auth);
      expect((await cancel(orderId, auth)).status).toBe(202);
      await saga.status(orderId, 'CANCELLED', 'CUSTOMER_CANCELLED');
      const reservationId = randomUUID();
      await saga.reserved(orderId, productId, reservationId);
      const [release] = await saga.messages(orderId, 'inventory.release');
      expect(release.data).toEqual({ orderId, reservationId });
      expect(recorder.ofType('payment.authorize', orderId)).toEqual([]);
    });

    it('refunds a payment that succeeds after the customer cancelled, then ends REFUNDED', async () => {
      const { auth } = await customer();
      const { orderId, productId } = await saga.place(auth);
      const reservationId = randomUUID();
      await saga.reserved(orderId, productId, reservationId);
      await saga.status(orderId, 'AWAITING_PAYMENT');
      expect((await cancel(orderId, auth)).status).toBe(202);
      expect((await saga.messages(orderId, 'inventory.release'))[0].data).toEqual({ orderId, reservationId });

      const paymentId = randomUUID();
      await saga.succeeded(orderId, paymentId);
      const [refund] = await saga.messages(orderId, 'payment.refund');
      expect(refund.data).toEqual({ orderId, paymentId, amount: { amount: 2000, currency: 'EUR' } });
      const timeline = await saga.timeline(orderId);
      expect(timeline.at(-1)?.detail).toContain(
        `payment ${paymentId} succeeded after the order was cancelled (CUSTOMER_CANCELLED)`,
      );
      expect((await saga.status(orderId, 'CANCELLED')).paymentStatus).toBe('REFUND_REQUESTED');

      await saga.refunded(orderId, paymentId);
      await saga.status(orderId, 'REFUNDED');
      expect((await saga.messages(orderId, 'order.refunded'))[0].data).toMatchObject({
        orderId,
        status: 'REFUNDED',
      });
      expect((await get(orderId, auth)).body.payment).toEqual({ id: paymentId, status: 'REFUNDED' });
    });

    it('refunds a confirmed order whose late commit found no stock', async () => {
      const { auth } = await customer();
      const { orderId, productId } = await saga.place(auth);
      await saga.reserved(orderId, productId);
      await saga.status(orderId, 'AWAITING_PAYMENT');
      const paymentId = randomUUID();
      await saga.succeeded(orderId, paymentId);
      await saga.status(orderId, 'CONFIRMED');
      await saga.reservationFailed(orderId, productId);
      await saga.status(orderId, 'CANCELLED', 'OUT_OF_STOCK');
      expect((await saga.messages(orderId, 'payment.refund'))[0].data).toEqual({
        orderId,
        paymentId,
        amount: { amount: 2000, currency: 'EUR' },
      });
      expect((await saga.timeline(orderId)).at(-1)?.detail).toContain('stock was gone at commit');
      await saga.refunded(orderId, paymentId);
      await saga.status(orderId, 'REFUNDED');
    });
  });

  describe('cancel and ship', () => {
    it('cancels a confirmed order: refund, restock request, order.cancelled; then refuses a second cancel', async () => {
      const { auth } = await customer();
      const { orderId, productId } = await saga.place(auth);
      const reservationId = randomUUID();
      await saga.reserved(orderId, productId, reservationId);
      await saga.status(orderId, 'AWAITING_PAYMENT');
      const paymentId = randomUUID();
      await saga.succeeded(orderId, paymentId);
      await saga.status(orderId, 'CONFIRMED');

      const answer = await cancel(orderId, auth);
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({
        id: orderId,
        status: 'CANCELLED',
        cancellationReason: 'CUSTOMER_CANCELLED',
      });
      expect((await saga.messages(orderId, 'payment.refund'))[0].data).toEqual({
        orderId,
        paymentId,
        amount: { amount: 2000, currency: 'EUR' },
      });
      expect((await saga.messages(orderId, 'inventory.release'))[0].data).toEqual({ orderId, reservationId });
      expect((await saga.messages(orderId, 'order.cancelled'))[0].data).toMatchObject({
        reason: 'CUSTOMER_CANCELLED',
      });
      expectProblem(await cancel(orderId, auth), 409, 'ORDER_NOT_CANCELLABLE');
    });

    it('ships a confirmed order (admin only) and then refuses to cancel or ship it again', async () => {
      const { auth } = await customer();
      const { orderId, productId } = await saga.place(auth);
      expectProblem(await ship(orderId, await admin()), 409, 'ORDER_NOT_SHIPPABLE');
      await saga.reserved(orderId, productId);
      await saga.status(orderId, 'AWAITING_PAYMENT');
      await saga.succeeded(orderId);
      await saga.status(orderId, 'CONFIRMED');
      expectProblem(await ship(orderId, auth), 403, 'FORBIDDEN');
      const shipped = await ship(orderId, await admin());
      expect(shipped.status).toBe(200);
      expect(shipped.body.status).toBe('SHIPPED');
      expect((await saga.messages(orderId, 'order.shipped'))[0].data).toMatchObject({
        orderId,
        status: 'SHIPPED',
      });
      expectProblem(await cancel(orderId, auth), 409, 'ORDER_NOT_CANCELLABLE');
      expectProblem(await ship(orderId, await admin()), 409, 'ORDER_NOT_SHIPPABLE');
    });

    it('lets an admin cancel any order, and hides an order from other customers (404)', async () => {
      const owner = await customer();
      const stranger = await customer();
      const { orderId } = await saga.place(owner.auth);
      expectProblem(await get(orderId, stranger.auth), 404, 'ORDER_NOT_FOUND');
      expectProblem(await cancel(orderId, stranger.auth), 404, 'ORDER_NOT_FOUND');
      expect((await get(orderId, await admin())).status).toBe(200);
      expect((await cancel(orderId, await admin())).status).toBe(202);
      await saga.status(orderId, 'CANCELLED', 'CUSTOMER_CANCELLED');
      expectProblem(await get(randomUUID(), owner.auth), 404, 'ORDER_NOT_FOUND');
      expectProblem(await get('not-a-uuid', owner.auth), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/orders', () => {
    it('lists a customer’s own orders only, and lets an admin filter by user and status', async () => {
      const a = await customer();
      const b = await customer();
      const first = await saga.place(a.auth);
      const second = await saga.place(a.auth);
      await saga.place(b.auth);
      await cancel(first.orderId, a.auth);

      const own = await request(t.http)
        .get('/api/orders?userId=' + b.id)
        .set('Authorization', a.auth);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ page: 1, limit: 20, total: 2 });
      expect(own.body.items.map((order: { id: string }) => order.id)).toEqual([
        second.orderId,
        first.orderId,
      ]);

      const filtered = await request(t.http)
        .get(`/api/orders?userId=${a.id}&status=CANCELLED`)
        .set('Authorization', await admin());
      expect(filtered.body.items.map((order: { id: string }) => order.id)).toEqual([first.orderId]);
      const paged = await request(t.http)
        .get(`/api/orders?userId=${a.id}&page=2&limit=1`)
        .set('Authorization', await admin());
      expect(paged.body).toMatchObject({ page: 2, limit: 1, total: 2, items: [{ id: first.orderId }] });
    });

    it.each([
      'page=0',
      'limit=0',
      'limit=101',
      'page=abc',
      'page=99999999999999999999',
      'page=100001',
      'status=LOST',
      'userId=nope',
    ])('refuses %s with a 400', async (query) => {
      const { auth } = await customer();
      expectProblem(
        await request(t.http).get(`/api/orders?${query}`).set('Authorization', auth),
        400,
        'VALIDATION_FAILED',
      );
    });
  });
});
