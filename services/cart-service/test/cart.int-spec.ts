import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectProblem, metricValue, startCartService, type CartTestRig } from './support/cart-service';

const DAY = 24 * 60 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('cart-service carts (real Redis and Kafka)', () => {
  let rig: CartTestRig;
  const http = () => request(rig.app.getHttpServer());

  /** A product on sale with this much stock. */
  const product = (name: string, amount: number, stock: number) => {
    const created = rig.products.put(name, amount);
    rig.inventory.available.set(created.id, stock);
    return created;
  };

  beforeAll(async () => {
    rig = await startCartService();
  });

  afterAll(() => rig.close());

  describe('guest carts', () => {
    it('creates nothing on a read: no cart id, an empty cart, no key written', async () => {
      const before = await rig.keyCount('cart:');
      const first = await http().get('/api/cart').expect(200);
      expect(first.headers['x-cart-id']).toBeUndefined();
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.body).toEqual({
        id: null,
        items: [],
        subtotal: { amount: 0, currency: 'EUR' },
        itemCount: 0,
        pricesAsOf: null,
      });
      // Neither do changes to a cart that does not exist yet.
      const anyProduct = randomUUID();
      await http().delete(`/api/cart/items/${anyProduct}`).expect(200);
      await http().patch(`/api/cart/items/${anyProduct}`).send({ quantity: 0 }).expect(200);
      expectProblem(
        await http().patch(`/api/cart/items/${anyProduct}`).send({ quantity: 1 }),
        404,
        'CART_LINE_NOT_FOUND',
      );
      expectProblem(
        await http().post('/api/cart/items').send({ productId: anyProduct, quantity: 1 }),
        404,
        'PRODUCT_NOT_FOUND',
      );
      expect(await rig.keyCount('cart:')).toBe(before);
      expect(await rig.keyCount('last-known:stock:')).toBe(0);
    });

    it('issues a cart id with the first line, keeps it, and expires the cart after 7 idle days', async () => {
      const headphones = product('Headphones', 4999, 10);
      const added = await http()
        .post('/api/cart/items')
        .send({ productId: headphones.id, quantity: 2 })
        .expect(200);
      const cartId = added.headers['x-cart-id'] as string;
      expect(cartId).toMatch(UUID);
      expect(added.headers['cache-control']).toBe('no-store');
      expect(added.body).toMatchObject({
        id: cartId,
        itemCount: 2,
        subtotal: { amount: 9998, currency: 'EUR' },
      });

      const key = rig.key(`cart:guest:${cartId}`);
      expect(await rig.redis.ttl(key)).toBeGreaterThan(7 * DAY - 60);
      expect(await rig.redis.ttl(key)).toBeLessThanOrEqual(7 * DAY);

      await rig.redis.expire(key, 60); // as if the cart had been idle for almost a week
      const more = await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', cartId)
        .send({ productId: headphones.id, quantity: 1 })
        .expect(200);
      expect(more.headers['x-cart-id']).toBe(cartId);
      expect(more.body).toMatchObject({ id: cartId, itemCount: 3 });
      expect(await rig.redis.ttl(key)).toBeGreaterThan(7 * DAY - 60);

      await rig.redis.expire(key, 60);
      const again = await http().get('/api/cart').set('X-Cart-Id', cartId.toUpperCase()).expect(200);
      expect(again.headers['x-cart-id']).toBe(cartId);
      expect(again.body.items).toHaveLength(1);
      expect(await rig.redis.ttl(key)).toBeGreaterThan(7 * DAY - 60);
    });

    it('answers an unknown or expired cart id with an empty cart and starts a new id only with a line', async () => {
      const unknown = randomUUID();
      const response = await http().get('/api/cart').set('X-Cart-Id', unknown).expect(200);
      expect(response.headers['x-cart-id']).toBeUndefined();
      expect(response.body).toMatchObject({ id: null, items: [], itemCount: 0 });
      expect(await rig.redis.exists(rig.key(`cart:guest:${unknown}`))).toBe(0);

      // Clearing an unknown id must not create a cart under an id the client made up.
      await http().delete('/api/cart').set('X-Cart-Id', unknown).expect(204);
      expect(await rig.redis.exists(rig.key(`cart:guest:${unknown}`))).toBe(0);

      // Nor does adding to it: the line goes into a cart under an id this service chose.
      const item = product('Pencil', 100, 10);
      const added = await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', unknown)
        .send({ productId: item.id, quantity: 1 })
        .expect(200);
      const issued = added.headers['x-cart-id'] as string;
      expect(issued).toMatch(UUID);
      expect(issued).not.toBe(unknown);
      expect(await rig.redis.exists(rig.key(`cart:guest:${unknown}`))).toBe(0);
      expect(await rig.redis.exists(rig.key(`cart:guest:${issued}`))).toBe(1);
    });

    it('holds at most 100 lines: the 101st product is a 422 problem, more of a product already in it is not', async () => {
      const items = Array.from({ length: 101 }, (_, i) => product(`Bulk item ${i}`, 100, 50));
      const first = await http()
        .post('/api/cart/items')
        .send({ productId: items[0]!.id, quantity: 1 })
        .expect(200);
      const cartId = first.headers['x-cart-id'] as string;
      // Lines 2 to 99 go straight into the cart's hash (each HTTP add re-prices every line, so adding
      // them one by one costs thousands of upstream calls); the 100th and 101st go through the API.
      const key = rig.key(`cart:guest:${cartId}`);
      const now = Date.now();
      await rig.redis.hset(
        key,
        Object.fromEntries(
          items.slice(1, 99).flatMap((item, i) => [
            [`q:${item.id}`, '1'],
            [`t:${item.id}`, String(now + i)],
          ]),
        ),
      );
      await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', cartId)
        .send({ productId: items[99]!.id, quantity: 1 })
        .expect(200);
      const full = await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', cartId)
        .send({ productId: items[100]!.id, quantity: 1 });
      expectProblem(full, 422, 'CART_FULL');
      expect(full.body).toMatchObject({ productId: items[100]!.id, maxLines: 100 });
      await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', cartId)
        .send({ productId: items[5]!.id, quantity: 2 })
        .expect(200);
      const cart = await http().get('/api/cart').set('X-Cart-Id', cartId).expect(200);
      expect(cart.body.items).toHaveLength(100);
      expect(cart.body.itemCount).toBe(102);
    });

    it('rejects a malformed X-Cart-Id with a 400 problem naming the header', async () => {
      for (const bad of ['not-a-uuid', '1234', `${randomUUID()}-x`]) {
        const response = await http().get('/api/cart').set('X-Cart-Id', bad);
        expectProblem(response, 400, 'INVALID_CART_ID');
        expect(response.body.errors).toEqual({ 'X-Cart-Id': ['must be a UUID'] });
      }
      const write = await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', 'nope')
        .send({ productId: randomUUID(), quantity: 1 });
      expectProblem(write, 400, 'INVALID_CART_ID');
    });
  });

  describe('cart math', () => {
    it('prices several lines and quantities in integer minor units of the base currency', async () => {
      const user = await rig.tokens.newCustomer();
      const a = product('Cable', 1999, 100);
      const b = product('Sticker', 10, 100);
      const c = product('Amplifier', 123456, 100);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: a.id, quantity: 2 })
        .expect(200);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: b.id, quantity: 7 })
        .expect(200);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: c.id, quantity: 1 })
        .expect(200);
      const cart = await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: a.id, quantity: 1 })
        .expect(200);

      expect(cart.headers['x-cart-id']).toBeUndefined();
      expect(cart.body).toEqual({
        id: user.id,
        items: [
          {
            productId: a.id,
            name: 'Cable',
            unitPrice: { amount: 1999, currency: 'EUR' },
            quantity: 3,
            lineTotal: { amount: 5997, currency: 'EUR' },
            available: true,
            priceStale: false,
            availabilityStale: false,
          },
          {
            productId: b.id,
            name: 'Sticker',
            unitPrice: { amount: 10, currency: 'EUR' },
            quantity: 7,
            lineTotal: { amount: 70, currency: 'EUR' },
            available: true,
            priceStale: false,
            availabilityStale: false,
          },
          {
            productId: c.id,
            name: 'Amplifier',
            unitPrice: { amount: 123456, currency: 'EUR' },
            quantity: 1,
            lineTotal: { amount: 123456, currency: 'EUR' },
            available: true,
            priceStale: false,
            availabilityStale: false,
          },
        ],
        subtotal: { amount: 129523, currency: 'EUR' },
        itemCount: 11,
        pricesAsOf: expect.any(String),
      });

      // Prices are current: a new price shows on the next read.
      rig.products.reprice(b.id, 25);
      const repriced = await http().get('/api/cart').set('Authorization', user.auth).expect(200);
      expect(repriced.body.subtotal).toEqual({ amount: 5997 + 175 + 123456, currency: 'EUR' });

      // A signed-in user's cart lives longer than a guest's.
      expect(await rig.redis.ttl(rig.key(`cart:user:${user.id}`))).toBeGreaterThan(89 * DAY);
    });

    it('counts every one of 20 concurrent adds of the same product', async () => {
      const user = await rig.tokens.newCustomer();
      const item = product('Popular', 500, 50);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          http()
            .post('/api/cart/items')
            .set('Authorization', user.auth)
            .send({ productId: item.id, quantity: 1 }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const cart = await http().get('/api/cart').set('Authorization', user.auth).expect(200);
      expect(cart.body.items).toEqual([
        expect.objectContaining({
          productId: item.id,
          quantity: 20,
          lineTotal: { amount: 10000, currency: 'EUR' },
        }),
      ]);
    });

    it('never lets concurrent adds go above stock: exactly the available units are accepted', async () => {
      const user = await rig.tokens.newCustomer();
      const scarce = product('Scarce', 100, 5);
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          http()
            .post('/api/cart/items')
            .set('Authorization', user.auth)
            .send({ productId: scarce.id, quantity: 1 }),
        ),
      );
      expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
      expect(responses.filter((response) => response.status === 422)).toHaveLength(7);
      const cart = await http().get('/api/cart').set('Authorization', user.auth).expect(200);
      expect(cart.body.items[0].quantity).toBe(5);
    });
  });

  describe('changing lines', () => {
    it('answers 422 above what inventory says is available, counting what is already in the cart', async () => {
      const user = await rig.tokens.newCustomer();
      const item = product('Limited', 1000, 3);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: item.id, quantity: 2 })
        .expect(200);

      const tooMany = await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: item.id, quantity: 2 });
      expectProblem(tooMany, 422, 'QUANTITY_ABOVE_AVAILABLE');
      expect(tooMany.body).toMatchObject({ productId: item.id, available: 3, inCart: 2 });

      const patchTooMany = await http()
        .patch(`/api/cart/items/${item.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 4 });
      expectProblem(patchTooMany, 422, 'QUANTITY_ABOVE_AVAILABLE');

      const patched = await http()
        .patch(`/api/cart/items/${item.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 3 })
        .expect(200);
      expect(patched.body.items[0]).toMatchObject({ quantity: 3, available: true });

      // Stock falls below the line: it shows as unavailable, and lowering it is still allowed.
      rig.inventory.available.set(item.id, 1);
      const shown = await http().get('/api/cart').set('Authorization', user.auth).expect(200);
      expect(shown.body.items[0]).toMatchObject({ quantity: 3, available: false });
      const lowered = await http()
        .patch(`/api/cart/items/${item.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 2 })
        .expect(200);
      expect(lowered.body.items[0]).toMatchObject({ quantity: 2, available: false });
    });

    it('answers 404 for an unknown or withdrawn product and changes nothing', async () => {
      const user = await rig.tokens.newCustomer();
      const unknown = await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: randomUUID(), quantity: 1 });
      expectProblem(unknown, 404, 'PRODUCT_NOT_FOUND');

      const withdrawn = rig.products.put('Withdrawn', 100, { active: false });
      rig.inventory.available.set(withdrawn.id, 10);
      expectProblem(
        await http()
          .post('/api/cart/items')
          .set('Authorization', user.auth)
          .send({ productId: withdrawn.id, quantity: 1 }),
        404,
        'PRODUCT_NOT_FOUND',
      );

      const cart = await http().get('/api/cart').set('Authorization', user.auth).expect(200);
      expect(cart.body.items).toEqual([]);
    });

    it('caps a line at 999 units', async () => {
      const user = await rig.tokens.newCustomer();
      const bulk = product('Bulk', 1, 5000);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: bulk.id, quantity: 999 })
        .expect(200);
      const over = await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: bulk.id, quantity: 1 });
      expectProblem(over, 422, 'CART_LINE_LIMIT');
      expect(over.body).toMatchObject({ maxQuantity: 999, inCart: 999 });
    });

    it('sets, removes (PATCH 0 or DELETE) and clears, and says 404 for a line that is not there', async () => {
      const user = await rig.tokens.newCustomer();
      const a = product('Mug', 800, 10);
      const b = product('Plate', 1200, 10);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: a.id, quantity: 1 })
        .expect(200);
      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: b.id, quantity: 1 })
        .expect(200);

      const set = await http()
        .patch(`/api/cart/items/${a.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 4 })
        .expect(200);
      expect(set.body).toMatchObject({ itemCount: 5, subtotal: { amount: 4 * 800 + 1200, currency: 'EUR' } });

      const zero = await http()
        .patch(`/api/cart/items/${a.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 0 })
        .expect(200);
      expect(zero.body.items.map((item: { productId: string }) => item.productId)).toEqual([b.id]);

      const missing = await http()
        .patch(`/api/cart/items/${a.id}`)
        .set('Authorization', user.auth)
        .send({ quantity: 2 });
      expectProblem(missing, 404, 'CART_LINE_NOT_FOUND');

      const removed = await http()
        .delete(`/api/cart/items/${b.id}`)
        .set('Authorization', user.auth)
        .expect(200);
      expect(removed.body).toMatchObject({
        items: [],
        itemCount: 0,
        subtotal: { amount: 0, currency: 'EUR' },
      });
      await http().delete(`/api/cart/items/${b.id}`).set('Authorization', user.auth).expect(200);

      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: a.id, quantity: 1 })
        .expect(200);
      await http().delete('/api/cart').set('Authorization', user.auth).expect(204);
      expect((await http().get('/api/cart').set('Authorization', user.auth).expect(200)).body.items).toEqual(
        [],
      );
    });

    it('keeps a cleared guest cart usable under the same id', async () => {
      const item = product('Notebook', 300, 10);
      const created = await http()
        .post('/api/cart/items')
        .send({ productId: item.id, quantity: 1 })
        .expect(200);
      const cartId = created.headers['x-cart-id'] as string;
      await http().delete('/api/cart').set('X-Cart-Id', cartId).expect(204);
      const after = await http().get('/api/cart').set('X-Cart-Id', cartId).expect(200);
      expect(after.headers['x-cart-id']).toBe(cartId);
      expect(after.body.items).toEqual([]);
    });
  });

  describe('bad requests', () => {
    it('answers 400 problem+json with field errors', async () => {
      const user = await rig.tokens.newCustomer();
      const cases: [object, string][] = [
        [{ productId: randomUUID(), quantity: 0 }, 'quantity'],
        [{ productId: randomUUID(), quantity: 1000 }, 'quantity'],
        [{ productId: randomUUID(), quantity: 1.5 }, 'quantity'],
        [{ productId: randomUUID(), quantity: '2' }, 'quantity'],
        [{ quantity: 1 }, 'productId'],
        [{ productId: 'abc', quantity: 1 }, 'productId'],
        [{ productId: randomUUID(), quantity: 1, price: 1 }, 'price'],
      ];
      for (const [body, field] of cases) {
        const response = await http().post('/api/cart/items').set('Authorization', user.auth).send(body);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toHaveProperty(field);
      }
      const badParam = await http()
        .patch('/api/cart/items/not-a-uuid')
        .set('Authorization', user.auth)
        .send({ quantity: 1 });
      expectProblem(badParam, 400, 'VALIDATION_FAILED');
      expect(badParam.body.errors).toHaveProperty('productId');

      const negative = await http()
        .patch(`/api/cart/items/${randomUUID()}`)
        .set('Authorization', user.auth)
        .send({ quantity: -1 });
      expectProblem(negative, 400, 'VALIDATION_FAILED');

      const notJson = await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .set('Content-Type', 'application/json')
        .send('{"productId": ');
      expectProblem(notJson, 400);

      const badMerge = await http()
        .post('/api/cart/merge')
        .set('Authorization', user.auth)
        .send({ guestCartId: 'x' });
      expectProblem(badMerge, 400, 'VALIDATION_FAILED');
      expect(badMerge.body.errors).toHaveProperty('guestCartId');
    });

    it('answers 401 for a guest merging and for a bad or expired token on any cart route', async () => {
      expectProblem(
        await http().post('/api/cart/merge').send({ guestCartId: randomUUID() }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await http().get('/api/cart').set('Authorization', 'Bearer not-a-token'),
        401,
        'UNAUTHENTICATED',
      );
      const expired = await rig.tokens.sign({ expiresIn: '-1m' });
      expectProblem(
        await http().get('/api/cart').set('Authorization', `Bearer ${expired}`),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('merging a guest cart on sign-in', () => {
    it('adds the quantities, caps them by stock, deletes the guest cart, and is harmless twice', async () => {
      const user = await rig.tokens.newCustomer();
      const shared = product('Lamp', 2500, 5);
      const guestOnly = product('Bulb', 300, 10);
      const gone = product('Discontinued', 100, 10);

      await http()
        .post('/api/cart/items')
        .set('Authorization', user.auth)
        .send({ productId: shared.id, quantity: 4 })
        .expect(200);
      const guest = await http()
        .post('/api/cart/items')
        .send({ productId: shared.id, quantity: 3 })
        .expect(200);
      const guestCartId = guest.headers['x-cart-id'] as string;
      await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', guestCartId)
        .send({ productId: guestOnly.id, quantity: 2 })
        .expect(200);
      await http()
        .post('/api/cart/items')
        .set('X-Cart-Id', guestCartId)
        .send({ productId: gone.id, quantity: 1 })
        .expect(200);
      rig.products.products.delete(gone.id);

      const merged = await http()
        .post('/api/cart/merge')
        .set('Authorization', user.auth)
        .send({ guestCartId })
        .expect(200);
      expect(merged.body.id).toBe(user.id);
      expect(
        merged.body.items.map((item: { productId: string; quantity: number }) => [
          item.productId,
          item.quantity,
        ]),
      ).toEqual([
        [shared.id, 5],
        [guestOnly.id, 2],
      ]);
      expect(merged.body.subtotal).toEqual({ amount: 5 * 2500 + 2 * 300, currency: 'EUR' });
      expect(await rig.redis.exists(rig.key(`cart:guest:${guestCartId}`))).toBe(0);

      const twice = await http()
        .post('/api/cart/merge')
        .set('Authorization', user.auth)
        .send({ guestCartId })
        .expect(200);
      expect(twice.body).toEqual({ ...merged.body, pricesAsOf: expect.any(String) });

      const guestAfter = await http().get('/api/cart').set('X-Cart-Id', guestCartId).expect(200);
      expect(guestAfter.headers['x-cart-id']).not.toBe(guestCartId);
      expect(guestAfter.body.items).toEqual([]);
    });
  });

  describe('ownership', () => {
    it("never shows or changes another user's cart", async () => {
      const alice = await rig.tokens.newCustomer();
      const bob = await rig.tokens.newCustomer();
      const item = product('Private', 999, 10);
      await http()
        .post('/api/cart/items')
        .set('Authorization', alice.auth)
        .send({ productId: item.id, quantity: 2 })
        .expect(200);

      const bobsCart = await http().get('/api/cart').set('Authorization', bob.auth).expect(200);
      expect(bobsCart.body).toMatchObject({ id: bob.id, items: [], itemCount: 0 });

      // Bob cannot reach Alice's line, nor her cart through X-Cart-Id (a user cart is not a guest cart).
      expectProblem(
        await http().patch(`/api/cart/items/${item.id}`).set('Authorization', bob.auth).send({ quantity: 5 }),
        404,
        'CART_LINE_NOT_FOUND',
      );
      await http().delete(`/api/cart/items/${item.id}`).set('Authorization', bob.auth).expect(200);
      await http().delete('/api/cart').set('Authorization', bob.auth).expect(204);
      const asGuest = await http().get('/api/cart').set('X-Cart-Id', alice.id).expect(200);
      expect(asGuest.body.items).toEqual([]);
      expect(asGuest.headers['x-cart-id']).not.toBe(alice.id);
      const merged = await http()
        .post('/api/cart/merge')
        .set('Authorization', bob.auth)
        .send({ guestCartId: alice.id })
        .expect(200);
      expect(merged.body.items).toEqual([]);

      const alicesCart = await http().get('/api/cart').set('Authorization', alice.auth).expect(200);
      expect(alicesCart.body.items).toEqual([expect.objectContaining({ productId: item.id, quantity: 2 })]);
    });
  });

  it('serves health without upstreams, metrics with breaker state and calls, and the OpenAPI document', async () => {
    await http().get('/health/live').expect(200);
    const ready = await http().get('/health/ready').expect(200);
    expect(Object.keys(ready.body.info).sort()).toEqual(['kafka', 'redis']);
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cart',
        '/api/cart/items',
        '/api/cart/items/{productId}',
        '/api/cart/merge',
      ]),
    );

    const metrics = await http().get('/metrics').expect(200);
    expect(metricValue(metrics.text, 'upstream_breaker_state', { upstream: 'product-service' })).toBe(0);
    expect(
      metricValue(metrics.text, 'upstream_calls_total', {
        upstream: 'product-service',
        outcome: 'success',
      }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(metrics.text, 'upstream_calls_total', {
        upstream: 'inventory-service',
        outcome: 'success',
      }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(metrics.text, 'upstream_calls_total', {
        upstream: 'product-service',
        outcome: 'not_found',
      }),
    ).toBeGreaterThan(0);
  });
});
