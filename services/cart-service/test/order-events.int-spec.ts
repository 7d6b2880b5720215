import { randomUUID } from 'node:crypto';
import { createEnvelope, Topics, type OrderEventData } from '@ecommerce/contracts';
import { eventually, testTopic } from '@ecommerce/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import request from 'supertest';
import { startCartService, type CartTestRig } from './support/cart-service';

describe('cart-service on order events (real Redis and Kafka)', () => {
  let rig: CartTestRig;
  let producer: Producer;
  const http = () => request(rig.app.getHttpServer());

  beforeAll(async () => {
    rig = await startCartService();
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

  const fillCart = async (auth: string, productIds: string[]) => {
    for (const productId of productIds) {
      await http()
        .post('/api/cart/items')
        .set('Authorization', auth)
        .send({ productId, quantity: 2 })
        .expect(200);
    }
  };

  /** Publishes an order event the way order-service's outbox relay does: a contract-valid envelope keyed by order id. */
  const publishOrderEvent = async (userId: string, productId: string) => {
    const type = 'order.confirmed';
    const orderId = randomUUID();
    const line = {
      productId,
      name: 'Ordered',
      unitPrice: { amount: 1000, currency: 'EUR' },
      quantity: 2,
      lineTotal: { amount: 2000, currency: 'EUR' },
    };
    const data: OrderEventData = {
      orderId,
      userId,
      status: 'CONFIRMED',
      total: { amount: 2000, currency: 'EUR' },
      items: [line],
    };
    const envelope = createEnvelope({ type, aggregateId: orderId, data }, { source: 'order-service' });
    await producer.send({
      topic: testTopic(Topics.orderEvents),
      messages: [{ key: orderId, value: JSON.stringify(envelope), headers: { type } }],
    });
    return envelope;
  };

  it("empties the user's cart when their order is confirmed, and only theirs", async () => {
    const buyer = await rig.tokens.newCustomer();
    const bystander = await rig.tokens.newCustomer();
    const product = rig.products.put('Keyboard', 1000);
    rig.inventory.available.set(product.id, 100);
    await fillCart(buyer.auth, [product.id]);
    await fillCart(bystander.auth, [product.id]);

    await publishOrderEvent(buyer.id, product.id);

    await eventually(
      async () => {
        const cart = await http().get('/api/cart').set('Authorization', buyer.auth).expect(200);
        expect(cart.body).toMatchObject({
          id: buyer.id,
          items: [],
          itemCount: 0,
          subtotal: { amount: 0, currency: 'EUR' },
        });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(await rig.redis.exists(rig.key(`cart:user:${buyer.id}`))).toBe(0);
    const untouched = await http().get('/api/cart').set('Authorization', bystander.auth).expect(200);
    expect(untouched.body.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);
  });

  it('handles the same order.confirmed twice without emptying the cart the user started since', async () => {
    const buyer = await rig.tokens.newCustomer();
    const product = rig.products.put('Mouse', 1500);
    rig.inventory.available.set(product.id, 100);
    await fillCart(buyer.auth, [product.id]);

    const envelope = await publishOrderEvent(buyer.id, product.id);
    await eventually(
      async () =>
        expect(
          (await http().get('/api/cart').set('Authorization', buyer.auth).expect(200)).body.items,
        ).toEqual([]),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );

    // The buyer shops again; then the same event (same id) is delivered again. A marker event for
    // another user, keyed by the same order id (same partition, so handled after it), shows when the
    // redelivery has been handled.
    await fillCart(buyer.auth, [product.id]);
    const marker = await rig.tokens.newCustomer();
    await fillCart(marker.auth, [product.id]);
    const markerEvent = createEnvelope(
      {
        type: 'order.confirmed',
        aggregateId: envelope.aggregateId,
        data: { ...envelope.data, userId: marker.id },
      },
      { source: 'order-service' },
    );
    await producer.send({
      topic: testTopic(Topics.orderEvents),
      messages: [envelope, markerEvent].map((event) => ({
        key: event.aggregateId,
        value: JSON.stringify(event),
        headers: { type: event.type },
      })),
    });
    await eventually(
      async () =>
        expect(
          (await http().get('/api/cart').set('Authorization', marker.auth).expect(200)).body.items,
        ).toEqual([]),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    const after = await http().get('/api/cart').set('Authorization', buyer.auth).expect(200);
    expect(after.body.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);
  });
});
