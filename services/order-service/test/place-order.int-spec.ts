import { randomUUID } from 'node:crypto';
import { Topics } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { createTestEnvironment, startTestApp, type TestApp, type TestEnvironment } from './support/app';
import { address, orderBody, productSnapshot, seedProduct } from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { expectProblem } from './support/problem';
import { StandIn } from './support/stand-in';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(60_000);

describe('POST /api/orders', () => {
  let env: TestEnvironment;
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let upstream: StandIn;
  const carts = new Map<string, { productId: string; quantity: number }[]>();
  const addresses = new Map<string, object[]>();

  beforeAll(async () => {
    // One stand-in plays cart-service, user-service and product-service (FX table), keyed by the caller's token.
    upstream = new StandIn((req) => {
      const token = req.headers.authorization ?? '';
      if (req.url === '/api/cart')
        return {
          status: 200,
          body: {
            id: 'cart',
            items: (carts.get(token) ?? []).map((line) => ({
              ...line,
              name: 'x',
              unitPrice: { amount: 1, currency: 'EUR' },
            })),
          },
        };
      if (req.url === '/api/users/me/addresses') return { status: 200, body: addresses.get(token) ?? [] };
      if (req.url === '/api/products/fx-rates')
        return { status: 200, body: { base: 'EUR', rates: { USD: '1.0835' }, updatedAt: null } };
      return undefined;
    });
    const url = await upstream.start();
    env = await createTestEnvironment();
    t = await startTestApp(env, { CART_SERVICE_URL: url, USER_SERVICE_URL: url, PRODUCT_SERVICE_URL: url });
    publisher = await new TestPublisher({
      defaultSource: 'inventory-service',
    }).start();
    recorder = await new TopicRecorder([Topics.orderEvents, Topics.inventoryCommands]).start();
    await waitForConsumers(t.db, publisher);
  }, 90_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
    await upstream?.stop();
    await env?.drop();
  }, 60_000);

  const customer = () => env.tokens.newCustomer();
  const post = (auth: string, body: object, key: string | null = randomUUID()) => {
    const call = request(t.http).post('/api/orders').set('Authorization', auth);
    return (key === null ? call : call.set('Idempotency-Key', key)).send(body);
  };
  const ordersOf = async (userId: string): Promise<number> =>
    Number(
      (
        (await t.db.manager.query(`SELECT count(*) AS n FROM orders WHERE user_id = $1`, [userId])) as {
          n: string;
        }[]
      )[0].n,
    );

  it('stores the order PENDING with locked prices and starts the saga through the outbox', async () => {
    const p1 = await seedProduct(t.db, { price: { amount: 1250, currency: 'EUR' }, name: 'Mug' });
    const p2 = await seedProduct(t.db, { price: { amount: 300, currency: 'EUR' }, name: 'Spoon' });
    const { id: userId, auth } = await customer();
    const response = await post(
      auth,
      orderBody([
        { productId: p1, quantity: 2 },
        { productId: p2, quantity: 1 },
      ]),
    );
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      userId,
      status: 'PENDING',
      total: { amount: 2800, currency: 'EUR' },
      items: [
        {
          productId: p1,
          name: 'Mug',
          unitPrice: { amount: 1250, currency: 'EUR' },
          quantity: 2,
          lineTotal: { amount: 2500, currency: 'EUR' },
        },
        {
          productId: p2,
          name: 'Spoon',
          unitPrice: { amount: 300, currency: 'EUR' },
          quantity: 1,
          lineTotal: { amount: 300, currency: 'EUR' },
        },
      ],
      shippingAddress: address,
      timeline: [{ status: 'PENDING', at: expect.stringMatching(/\.\d{3}Z$/) }],
    });
    const orderId = response.body.id as string;

    const created = await eventually(() => {
      const [message] = recorder.ofType('order.created', orderId);
      if (!message) throw new Error('order.created not published yet');
      return message;
    });
    expect(created.key).toBe(orderId);
    expect(created.envelope.data).toMatchObject({
      orderId,
      userId,
      status: 'PENDING',
      total: { amount: 2800, currency: 'EUR' },
    });
    const reserve = await eventually(() => {
      const [message] = recorder.ofType('inventory.reserve', orderId);
      if (!message) throw new Error('inventory.reserve not published yet');
      return message;
    });
    expect(reserve.envelope.data).toEqual({
      orderId,
      items: [
        { productId: p1, quantity: 2 },
        { productId: p2, quantity: 1 },
      ],
      expiresAt: expect.any(String),
    });
    expect(Date.parse((reserve.envelope.data as { expiresAt: string }).expiresAt)).toBeGreaterThan(
      Date.now() + 10 * 60_000,
    );
    // Same correlation for everything the request caused.
    expect(reserve.envelope.correlationId).toBe(created.envelope.correlationId);
  });

  it('ignores client-sent prices and totals, and merges a product listed twice', async () => {
    const productId = await seedProduct(t.db, { price: { amount: 700, currency: 'EUR' } });
    const { auth } = await customer();
    const response = await post(
      auth,
      orderBody(
        [
          { productId, quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } } as never,
          { productId, quantity: 2 },
        ],
        { total: { amount: 1, currency: 'EUR' } },
      ),
    );
    expect(response.status).toBe(202);
    expect(response.body.items).toEqual([
      {
        productId,
        name: expect.any(String),
        unitPrice: { amount: 700, currency: 'EUR' },
        quantity: 3,
        lineTotal: { amount: 2100, currency: 'EUR' },
      },
    ]);
    expect(response.body.total).toEqual({ amount: 2100, currency: 'EUR' });
  });

  describe('idempotency', () => {
    it('answers the same key and body with the first order, and another body with 409', async () => {
      const productId = await seedProduct(t.db);
      const { id: userId, auth } = await customer();
      const key = randomUUID();
      const first = await post(auth, orderBody([{ productId, quantity: 1 }]), key);
      // Same body, keys in another order: still the same request.
      const again = await post(
        auth,
        { paymentMethod: 'pm_card_visa', shippingAddress: address, items: [{ quantity: 1, productId }] },
        key,
      );
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);
      expectProblem(
        await post(auth, orderBody([{ productId, quantity: 2 }]), key),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await ordersOf(userId)).toBe(1);
      // Keys are per user: another customer may use the same key.
      const other = await customer();
      const theirs = await post(other.auth, orderBody([{ productId, quantity: 1 }]), key);
      expect(theirs.status).toBe(202);
      expect(theirs.body.id).not.toBe(first.body.id);
    });

    it('makes one order from 20 concurrent duplicates', async () => {
      const productId = await seedProduct(t.db);
      const { id: userId, auth } = await customer();
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post(auth, orderBody([{ productId, quantity: 1 }]), key)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
      expect(await ordersOf(userId)).toBe(1);
      const orderId = answers[0].body.id as string;
      await eventually(() => expect(recorder.ofType('inventory.reserve', orderId)).toHaveLength(1));
    });

    it('requires the Idempotency-Key header', async () => {
      const productId = await seedProduct(t.db);
      const { auth } = await customer();
      const body = expectProblem(
        await post(auth, orderBody([{ productId, quantity: 1 }]), null),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.errors).toHaveProperty('Idempotency-Key');
      expectProblem(
        await post(auth, orderBody([{ productId, quantity: 1 }]), 'with space'),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('validation', () => {
    it.each([
      ['quantity 0', { items: [{ productId: randomUUID(), quantity: 0 }] }, 'items.0.quantity'],
      ['quantity 1000', { items: [{ productId: randomUUID(), quantity: 1000 }] }, 'items.0.quantity'],
      ['a fractional quantity', { items: [{ productId: randomUUID(), quantity: 1.5 }] }, 'items.0.quantity'],
      ['a product id that is no UUID', { items: [{ productId: 'abc', quantity: 1 }] }, 'items.0.productId'],
      ['no lines', { items: [] }, 'items'],
      [
        '101 lines',
        { items: Array.from({ length: 101 }, () => ({ productId: randomUUID(), quantity: 1 })) },
        'items',
      ],
      ['a bad currency', { currency: 'euro' }, 'currency'],
      ['a bad country', { shippingAddress: { ...address, country: 'Germany' } }, 'shippingAddress.country'],
      ['an unknown field', { coupon: 'FREE' }, 'coupon'],
      ['fromCart: false', { fromCart: false }, 'fromCart'],
    ])('refuses %s with a 400 naming the field', async (_, patch, field) => {
      const { auth } = await customer();
      const body = expectProblem(
        await post(auth, { ...orderBody([{ productId: randomUUID(), quantity: 1 }]), ...patch }),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(body.errors as object)).toContain(field);
    });

    it('refuses both or neither of items and fromCart, and of shippingAddress and addressId', async () => {
      const { auth } = await customer();
      const item = [{ productId: randomUUID(), quantity: 1 }];
      expectProblem(await post(auth, { ...orderBody(item), fromCart: true }), 400, 'VALIDATION_FAILED');
      expectProblem(
        await post(auth, { shippingAddress: address, paymentMethod: 'pm_card_visa' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await post(auth, { ...orderBody(item), addressId: randomUUID() }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await post(auth, { items: item, paymentMethod: 'pm_card_visa' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses a card number as payment method without storing or echoing it', async () => {
      const productId = await seedProduct(t.db);
      const { id: userId, auth } = await customer();
      for (const card of ['4242424242424242', '4242 4242 4242 4242', '4000-0566-5566-5556']) {
        const response = await post(auth, orderBody([{ productId, quantity: 1 }], { paymentMethod: card }));
        const body = expectProblem(response, 400, 'VALIDATION_FAILED');
        expect((body.errors as Record<string, string[]>).paymentMethod[0]).toContain(
          'card numbers are never accepted',
        );
        expect(response.text).not.toContain(card);
        expect(response.text).not.toContain(card.replace(/\D/g, ''));
      }
      expect(await ordersOf(userId)).toBe(0);
      const stored: unknown[] = await t.db.manager.query(
        `SELECT 1 FROM outbox_messages WHERE payload::text LIKE '%4242424242424242%'`,
      );
      expect(stored).toEqual([]);
    });

    it('answers 401 without a token', async () => {
      expectProblem(
        await request(t.http).post('/api/orders').set('Idempotency-Key', randomUUID()).send({}),
        401,
      );
    });
  });

  describe('pricing', () => {
    it('refuses unknown and inactive products with a 422 naming them', async () => {
      const inactive = await seedProduct(t.db, { active: false });
      const unknown = randomUUID();
      const { auth } = await customer();
      const body = expectProblem(
        await post(
          auth,
          orderBody([
            { productId: inactive, quantity: 1 },
            { productId: unknown, quantity: 1 },
          ]),
        ),
        422,
        'PRODUCT_UNAVAILABLE',
      );
      expect(body.productIds).toEqual([inactive, unknown]);
      expect(body.detail).toContain(unknown);
    });

    it('prices another currency with an explicit price first, else with the FX table, else refuses', async () => {
      const explicit = await seedProduct(t.db, {
        price: { amount: 1000, currency: 'EUR' },
        prices: [{ amount: 1200, currency: 'USD' }],
      });
      const converted = await seedProduct(t.db, { price: { amount: 1000, currency: 'EUR' } });
      const { auth } = await customer();
      const usd = await post(
        auth,
        orderBody(
          [
            { productId: explicit, quantity: 1 },
            { productId: converted, quantity: 1 },
          ],
          { currency: 'USD' },
        ),
      );
      expect(usd.status).toBe(202);
      expect(usd.body.items.map((item: { unitPrice: unknown }) => item.unitPrice)).toEqual([
        { amount: 1200, currency: 'USD' },
        { amount: 1084, currency: 'USD' },
      ]);
      expect(usd.body.total).toEqual({ amount: 2284, currency: 'USD' });
      const body = expectProblem(
        await post(auth, orderBody([{ productId: converted, quantity: 1 }], { currency: 'GBP' })),
        422,
        'NO_EXCHANGE_RATE',
      );
      expect(body.productId).toBe(converted);
    });

    it('keeps the read model from product.events, ignoring an event older than what it holds', async () => {
      const productId = randomUUID();
      const newer = publisher.envelope(
        'product.updated',
        productId,
        productSnapshot(productId, { name: 'Newer', price: { amount: 900, currency: 'EUR' } }),
        'product-service',
      );
      const older = {
        ...publisher.envelope(
          'product.created',
          productId,
          productSnapshot(productId, { name: 'Older', price: { amount: 100, currency: 'EUR' } }),
          'product-service',
        ),
      };
      older.occurredAt = new Date(Date.parse(newer.occurredAt) - 60_000).toISOString();
      await publisher.send(newer, older);
      const marker = await publisher.publish(
        'product.created',
        randomUUID(),
        productSnapshot(),
        'product-service',
      );
      await eventually(async () => {
        const rows: unknown[] = await t.db.manager.query(
          `SELECT 1 FROM inbox_messages WHERE event_id = ANY($1::uuid[])`,
          [[older.id, marker.id]],
        );
        expect(rows).toHaveLength(2);
      });
      const { auth } = await customer();
      const response = await post(auth, orderBody([{ productId, quantity: 1 }]));
      expect(response.body.items[0]).toMatchObject({
        name: 'Newer',
        unitPrice: { amount: 900, currency: 'EUR' },
      });

      await publisher.publish('product.deleted', productId, { productId }, 'product-service');
      await eventually(async () =>
        expectProblem(await post(auth, orderBody([{ productId, quantity: 1 }])), 422, 'PRODUCT_UNAVAILABLE'),
      );
    });
  });

  describe('from the cart and a saved address', () => {
    it('orders the caller’s cart lines, with their token forwarded, and a saved address', async () => {
      const productId = await seedProduct(t.db, { price: { amount: 450, currency: 'EUR' } });
      const { auth } = await customer();
      carts.set(auth, [{ productId, quantity: 4 }]);
      const savedId = randomUUID();
      addresses.set(auth, [
        { id: savedId, line1: '2 Saved Road', city: 'Hamburg', postalCode: '20095', country: 'DE' },
      ]);
      const response = await post(auth, {
        fromCart: true,
        addressId: savedId,
        paymentMethod: 'pm_card_visa',
      });
      expect(response.status).toBe(202);
      expect(response.body.items).toEqual([
        expect.objectContaining({ productId, quantity: 4, lineTotal: { amount: 1800, currency: 'EUR' } }),
      ]);
      expect(response.body.shippingAddress).toEqual({
        line1: '2 Saved Road',
        city: 'Hamburg',
        postalCode: '20095',
        country: 'DE',
      });
      expect(upstream.requests.filter((r) => r.authorization === auth).map((r) => r.path)).toEqual([
        '/api/cart',
        '/api/users/me/addresses',
      ]);
    });

    it('refuses an empty cart and an address the caller does not have (422)', async () => {
      const productId = await seedProduct(t.db);
      const { auth } = await customer();
      carts.set(auth, []);
      expectProblem(
        await post(auth, { fromCart: true, shippingAddress: address, paymentMethod: 'pm_card_visa' }),
        422,
        'CART_EMPTY',
      );
      expectProblem(
        await post(auth, {
          items: [{ productId, quantity: 1 }],
          addressId: randomUUID(),
          paymentMethod: 'pm_card_visa',
        }),
        422,
        'ADDRESS_NOT_FOUND',
      );
    });
  });
});
