import { createEnvelope, Topics, type EventType, type EventDataMap } from '@ecommerce/contracts';
import { metricsRegistry } from '@ecommerce/observability';
import { eventually, testTopic } from '@ecommerce/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import request from 'supertest';
import { expectProblem, metricValue, startCartService, type CartTestRig } from './support/cart-service';
import type { StandInProduct } from './support/stand-in-upstreams';

const BREAKER_RESET_MS = 1_500;

describe('cart-service when upstreams fail (real Redis and Kafka)', () => {
  let rig: CartTestRig;
  let producer: Producer;
  const http = () => request(rig.app.getHttpServer());

  // The app runs in this process, so its metrics are read from the registry /metrics serves.
  const metric = async (name: string, labels: Record<string, string>) =>
    metricValue(await metricsRegistry.metrics(), name, labels);

  const publish = async <T extends EventType>(
    type: T,
    aggregateId: string,
    data: EventDataMap[T],
    occurredAt = new Date(),
  ) => {
    const envelope = createEnvelope({ type, aggregateId, data }, { source: 'product-service', occurredAt });
    await producer.send({
      topic: testTopic(Topics.productEvents),
      messages: [{ key: aggregateId, value: JSON.stringify(envelope), headers: { type } }],
    });
  };

  const cartOf = async (auth: string) =>
    (await http().get('/api/cart').set('Authorization', auth).expect(200)).body;

  beforeAll(async () => {
    rig = await startCartService({
      BREAKER_RESET_MS: String(BREAKER_RESET_MS),
      BREAKER_FAILURE_THRESHOLD: '3',
      UPSTREAM_TIMEOUT_MS: '500',
    });
    producer = new Kafka({
      clientId: 'cart-service-test',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await rig.close();
  });

  afterEach(async () => {
    // Every test leaves both upstreams up and both breakers closed for the next one. A breaker closes
    // only after a successful trial call, so the probe keeps calling both upstreams until it does.
    await Promise.all([rig.products.start(), rig.inventory.start()]);
    const probe = stocked('Probe', 1);
    const prober = await rig.tokens.newCustomer();
    await eventually(
      async () => {
        await http()
          .post('/api/cart/items')
          .set('Authorization', prober.auth)
          .send({ productId: probe.id, quantity: 1 });
        expect(await metric('upstream_breaker_state', { upstream: 'product-service' })).toBe(0);
        expect(await metric('upstream_breaker_state', { upstream: 'inventory-service' })).toBe(0);
      },
      { timeoutMs: BREAKER_RESET_MS * 5, intervalMs: 250 },
    );
    await http().delete('/api/cart').set('Authorization', prober.auth).expect(204);
  });

  const stocked = (name: string, amount: number, stock = 50): StandInProduct => {
    const product = rig.products.put(name, amount);
    rig.inventory.available.set(product.id, stock);
    return product;
  };

  it('opens the breaker while product-service is down, answers from last known prices marked stale, and recovers', async () => {
    const user = await rig.tokens.newCustomer();
    const a = stocked('Speaker', 15000);
    const b = stocked('Stand', 2500);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: a.id, quantity: 2 })
      .expect(200);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: b.id, quantity: 1 })
      .expect(200);
    expect((await cartOf(user.auth)).items.every((item: { priceStale: boolean }) => !item.priceStale)).toBe(
      true,
    );

    await rig.products.stop();
    rig.products.reprice(a.id, 17500); // the new price cannot be seen while the service is down

    // Each answer comes from the last known prices; failures add up until the breaker opens.
    await eventually(
      async () => {
        const stale = await cartOf(user.auth);
        expect(stale.subtotal).toEqual({ amount: 2 * 15000 + 2500, currency: 'EUR' });
        expect(stale.items).toEqual([
          expect.objectContaining({
            productId: a.id,
            name: 'Speaker',
            unitPrice: { amount: 15000, currency: 'EUR' },
            priceStale: true,
            available: true,
            availabilityStale: false,
          }),
          expect.objectContaining({ productId: b.id, priceStale: true }),
        ]);
        expect(Date.parse(stale.pricesAsOf)).toBeLessThan(Date.now());
        expect(await metric('upstream_breaker_state', { upstream: 'product-service' })).toBe(2);
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(await metric('upstream_breaker_state', { upstream: 'inventory-service' })).toBe(0);

    // With the breaker open, product-service is not even called: the answer is fast and counted as rejected.
    const rejectedBefore = await metric('upstream_calls_total', {
      upstream: 'product-service',
      outcome: 'rejected',
    });
    const startedAt = Date.now();
    const fast = await cartOf(user.auth);
    expect(Date.now() - startedAt).toBeLessThan(400);
    expect(fast.items[0].priceStale).toBe(true);
    expect(
      await metric('upstream_calls_total', { upstream: 'product-service', outcome: 'rejected' }),
    ).toBeGreaterThan(rejectedBefore);
    expect(await metric('cart_stale_answers_total', { data: 'price' })).toBeGreaterThan(0);

    await rig.products.start();
    const fresh = await eventually(
      async () => {
        const cart = await cartOf(user.auth);
        expect(cart.items.map((item: { priceStale: boolean }) => item.priceStale)).toEqual([false, false]);
        return cart;
      },
      { timeoutMs: BREAKER_RESET_MS * 4, intervalMs: 200 },
    );
    expect(fresh.items[0].unitPrice).toEqual({ amount: 17500, currency: 'EUR' });
    expect(fresh.subtotal).toEqual({ amount: 2 * 17500 + 2500, currency: 'EUR' });
    expect(await metric('upstream_breaker_state', { upstream: 'product-service' })).toBe(0);
  });

  it('keeps the last known prices current from product.updated and product.deleted, ignoring older events', async () => {
    const user = await rig.tokens.newCustomer();
    const item = stocked('Turntable', 30000);
    const other = stocked('Needle', 4000);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: item.id, quantity: 1 })
      .expect(200);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: other.id, quantity: 1 })
      .expect(200);
    await rig.products.stop();

    const changedAt = new Date(Date.now() + 1_000).toISOString();
    const repriced = {
      ...item,
      price: { amount: 27500, currency: 'EUR' },
      prices: [{ amount: 27500, currency: 'EUR' }],
      updatedAt: changedAt,
    };
    await publish('product.updated', item.id, repriced);
    await eventually(
      async () =>
        expect((await cartOf(user.auth)).items[0]).toMatchObject({
          unitPrice: { amount: 27500, currency: 'EUR' },
          priceStale: true,
        }),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );

    // An older version (redelivered, or overtaken) changes nothing; then the same version again with a
    // new name as a marker: once the marker shows, the older event was processed before it.
    const older = {
      ...item,
      price: { amount: 1, currency: 'EUR' },
      prices: [{ amount: 1, currency: 'EUR' }],
      updatedAt: item.updatedAt,
    };
    await publish('product.updated', item.id, older);
    await publish('product.updated', item.id, { ...repriced, name: 'Turntable (marker)' });
    await eventually(async () => expect((await cartOf(user.auth)).items[0].name).toBe('Turntable (marker)'), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    expect((await cartOf(user.auth)).items[0].unitPrice).toEqual({ amount: 27500, currency: 'EUR' });

    await publish('product.deleted', other.id, { productId: other.id }, new Date(Date.now() + 2_000));
    await eventually(
      async () =>
        expect((await cartOf(user.auth)).items[1]).toMatchObject({
          productId: other.id,
          available: false,
          priceStale: true,
        }),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
  });

  it('accepts adds of known products while product-service is down, and says 503 for a product never seen', async () => {
    const user = await rig.tokens.newCustomer();
    const known = stocked('Cable', 990);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: known.id, quantity: 1 })
      .expect(200);
    await http().delete('/api/cart').set('Authorization', user.auth).expect(204);
    const neverSeen = stocked('Brand new', 500);
    await rig.products.stop();

    const added = await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: known.id, quantity: 3 })
      .expect(200);
    expect(added.body.items).toEqual([
      expect.objectContaining({
        productId: known.id,
        quantity: 3,
        priceStale: true,
        lineTotal: { amount: 2970, currency: 'EUR' },
      }),
    ]);

    const unknown = await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: neverSeen.id, quantity: 1 });
    expectProblem(unknown, 503, 'CATALOG_UNAVAILABLE');
    expect(Number(unknown.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('falls back to the last known stock while inventory-service is down, and accepts adds unchecked', async () => {
    const user = await rig.tokens.newCustomer();
    const item = stocked('Vinyl', 2000, 4);
    const fresh = stocked('Sleeve', 100, 10);
    await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: item.id, quantity: 3 })
      .expect(200);
    await rig.inventory.stop();

    const shown = await cartOf(user.auth);
    expect(shown.items[0]).toMatchObject({
      productId: item.id,
      available: true,
      availabilityStale: true,
      priceStale: false,
    });

    // Above the last known stock (4): accepted and marked, because the reservation at checkout decides.
    const above = await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: item.id, quantity: 2 })
      .expect(200);
    expect(above.body.items[0]).toMatchObject({ quantity: 5, available: false, availabilityStale: true });

    // Never asked before: nothing known, assumed available and marked so.
    const unknownStock = await http()
      .post('/api/cart/items')
      .set('Authorization', user.auth)
      .send({ productId: fresh.id, quantity: 1 })
      .expect(200);
    expect(unknownStock.body.items[1]).toMatchObject({
      productId: fresh.id,
      available: true,
      availabilityStale: true,
    });
    expect(await metric('cart_stale_answers_total', { data: 'availability' })).toBeGreaterThan(0);

    await rig.inventory.start();
    await eventually(
      async () =>
        expect((await cartOf(user.auth)).items[0]).toMatchObject({
          availabilityStale: false,
          available: false,
        }),
      {
        timeoutMs: BREAKER_RESET_MS * 4,
        intervalMs: 200,
      },
    );
  });
});
