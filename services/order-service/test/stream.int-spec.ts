import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Topics } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { StatusListener } from '../src/stream/status-listener';
import { createTestEnvironment, startTestApp, type TestApp, type TestEnvironment } from './support/app';
import { TestPublisher } from '@ecommerce/testing';
import { SagaDriver } from './support/saga-driver';
import { openStream, type SseStream } from './support/sse-client';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(60_000);

/** Two instances of the service on one database, as two replicas behind the gateway. */
describe('GET /api/orders/:id/stream across instances', () => {
  let env: TestEnvironment;
  let a: TestApp;
  let b: TestApp;
  let urlB: string;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let saga: SagaDriver;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    a = await startTestApp(env);
    b = await startTestApp(env, { SSE_HEARTBEAT_MS: '200' });
    await b.app.listen(0, '127.0.0.1');
    urlB = `http://127.0.0.1:${(b.http.address() as AddressInfo).port}`;
    publisher = await new TestPublisher({
      defaultSource: 'inventory-service',
    }).start();
    recorder = await new TopicRecorder([Topics.orderEvents]).start();
    await waitForConsumers(a.db, publisher);
    saga = new SagaDriver(a, publisher, recorder);
  }, 90_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await recorder?.stop();
    await publisher?.stop();
    await a?.close();
    await b?.close();
    await env?.drop();
  }, 60_000);

  const stream = async (orderId: string, auth: string) => {
    const opened = await openStream(urlB, `/api/orders/${orderId}/stream`, auth);
    streams.push(opened);
    return opened;
  };

  it('sends the current status on connect, every change made through the other instance, and ends after a final one', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId, productId } = await saga.place(auth);
    const live = await stream(orderId, auth);
    expect(live.status).toBe(200);
    expect(live.contentType).toMatch(/^text\/event-stream/);
    await eventually(() =>
      expect(live.events).toEqual([{ status: 'PENDING', at: expect.stringMatching(/\.\d{3}Z$/) }]),
    );

    // A change applied by whichever instance consumes the event.
    await saga.reserved(orderId, productId);
    await saga.status(orderId, 'AWAITING_PAYMENT');
    await eventually(() =>
      expect(live.events.map((event) => event.status)).toEqual(['PENDING', 'AWAITING_PAYMENT']),
    );

    // A change made through instance A's API.
    expect(
      (await request(a.http).post(`/api/orders/${orderId}/cancel`).set('Authorization', auth)).status,
    ).toBe(202);
    await eventually(() =>
      expect(live.events.at(-1)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'CUSTOMER_CANCELLED',
      }),
    );
    // Cancelled before any payment: nothing more can happen, so the stream ends.
    await live.ended;
    expect(live.events.map((event) => event.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CANCELLED']);
    expect(b.app.get(StatusListener).subscriberCount(orderId)).toBe(0);
    const times = live.events.map((event) => Date.parse(event.at as string));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // Each change carries the time of its timeline entry, to the millisecond the API shows.
    const order = await request(a.http).get(`/api/orders/${orderId}`).set('Authorization', auth);
    const timeline = order.body.timeline as { status: string; at: string }[];
    expect(live.events.map((event) => event.at)).toEqual(
      live.events.map((event) => timeline.find((entry) => entry.status === event.status)?.at),
    );
  });

  it('sends heartbeat comments while nothing changes, and stops on client disconnect', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId } = await saga.place(auth);
    const live = await stream(orderId, auth);
    await eventually(() => expect(live.heartbeats).toBeGreaterThanOrEqual(2));
    const listener = b.app.get(StatusListener);
    expect(listener.subscriberCount(orderId)).toBe(1);
    live.close();
    await live.ended;
    await eventually(() => expect(listener.subscriberCount(orderId)).toBe(0));
  });

  it('ends at once for an order already final, and hides other customers’ orders (404)', async () => {
    const { auth } = await env.tokens.newCustomer();
    const { orderId } = await saga.place(auth);
    await request(a.http).post(`/api/orders/${orderId}/cancel`).set('Authorization', auth);
    const done = await stream(orderId, auth);
    await done.ended;
    expect(done.events).toEqual([
      { status: 'CANCELLED', at: expect.any(String), cancellationReason: 'CUSTOMER_CANCELLED' },
    ]);

    const stranger = await env.tokens.newCustomer();
    const hidden = await stream(orderId, stranger.auth);
    expect(hidden.status).toBe(404);
    expect((await stream(randomUUID(), auth)).status).toBe(404);
    expect((await stream(orderId, 'Bearer nope')).status).toBe(401);
  });
});
