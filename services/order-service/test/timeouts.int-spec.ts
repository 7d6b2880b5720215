import { randomUUID } from 'node:crypto';
import { Topics } from '@ecommerce/contracts';
import { TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { createTestEnvironment, startTestApp, type TestApp, type TestEnvironment } from './support/app';
import { orderRow } from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { SagaDriver } from './support/saga-driver';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(90_000);

// A short step timeout so the sweeper acts within a test; the default is a generous 60 s.
const STEP_TIMEOUT = { ORDER_STEP_TIMEOUT_MS: '1500', SAGA_SWEEP_INTERVAL_MS: '100' };

describe('step timeouts', () => {
  let env: TestEnvironment;
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let saga: SagaDriver;

  beforeAll(async () => {
    env = await createTestEnvironment();
    t = await startTestApp(env, STEP_TIMEOUT);
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

  it('cancels TIMEOUT when inventory does not answer, and releases a reservation that comes later', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId, productId } = await saga.place(auth);
    const row = await orderRow(t.db, orderId);
    expect(row).toMatchObject({ status: 'PENDING', step: 'reservation' });
    await saga.status(orderId, 'CANCELLED', 'TIMEOUT');
    expect((await saga.messages(orderId, 'order.cancelled'))[0].data).toMatchObject({ reason: 'TIMEOUT' });
    expect(recorder.ofType('inventory.release', orderId)).toEqual([]);

    const reservationId = randomUUID();
    await saga.reserved(orderId, productId, reservationId);
    expect((await saga.messages(orderId, 'inventory.release'))[0].data).toEqual({ orderId, reservationId });
    expect(recorder.ofType('payment.authorize', orderId)).toEqual([]);
  });

  it('releases the stock when the payment does not answer, and refunds a payment that succeeds later', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId, productId } = await saga.place(auth);
    const reservationId = randomUUID();
    await saga.reserved(orderId, productId, reservationId);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    expect((await orderRow(t.db, orderId)).step).toBe('payment');
    await saga.status(orderId, 'CANCELLED', 'TIMEOUT');
    expect((await saga.messages(orderId, 'inventory.release'))[0].data).toEqual({ orderId, reservationId });

    const paymentId = randomUUID();
    await saga.succeeded(orderId, paymentId);
    expect((await saga.messages(orderId, 'payment.refund'))[0].data).toEqual({
      orderId,
      paymentId,
      amount: { amount: 2000, currency: 'EUR' },
    });
    const timeline = await saga.timeline(orderId);
    expect(timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'AWAITING_PAYMENT',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(timeline[2].detail).toContain('no payment answer in time');
    expect(timeline[3].detail).toContain('succeeded after the order was cancelled (TIMEOUT); it is refunded');
    await saga.refunded(orderId, paymentId);
    await saga.status(orderId, 'REFUNDED');

    const metrics = await request(t.http).get('/metrics');
    expect(metrics.text).toMatch(/saga_timeouts_total\{step="payment"[^}]*\} [1-9]/);
    expect(metrics.text).toMatch(/saga_compensations_total\{action="refund"[^}]*\} [1-9]/);
    expect(metrics.text).toMatch(/orders_completed_total\{status="CANCELLED",reason="TIMEOUT"[^}]*\} [1-9]/);
  });

  it('never times out an answered step', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId, productId } = await saga.place(auth);
    await saga.reserved(orderId, productId);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    await saga.succeeded(orderId);
    await saga.status(orderId, 'CONFIRMED');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await orderRow(t.db, orderId)).toMatchObject({
      status: 'CONFIRMED',
      step: null,
      stepDeadline: null,
    });
  });

  it('fires deadlines that passed while no instance was running', async () => {
    const { auth } = await env.tokens.newCustomer();
    // A second instance places the order and stops before the deadline...
    const other = await startTestApp(env, { ...STEP_TIMEOUT, SAGA_SWEEP_INTERVAL_MS: '3600000' });
    const driver = new SagaDriver(other, publisher, recorder);
    const { orderId } = await driver.place(auth);
    await other.close();
    // ...and the deadline passes with only a sweeper that was not running when the order was placed.
    await saga.status(orderId, 'CANCELLED', 'TIMEOUT');
  });
});
