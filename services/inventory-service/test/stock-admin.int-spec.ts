import { randomUUID } from 'node:crypto';
import { Topics } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app';
import { createWarehouse, productSnapshot, seedProduct } from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { expectProblem } from './support/problem';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(30_000);

describe('inventory admin and stock API', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;
  let admin: string;
  const adminId = randomUUID();
  let customer: string;

  beforeAll(async () => {
    t = await startTestApp();
    publisher = await new TestPublisher().start();
    recorder = await new TopicRecorder([Topics.inventoryEvents]).start();
    await waitForConsumers(t.db, publisher);
    admin = await t.tokens.admin(adminId);
    customer = await t.tokens.customer();
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
  }, 60_000);

  describe('warehouses', () => {
    it('creates a warehouse with an upper-cased code and lists it', async () => {
      const code = `ber-${randomUUID().slice(0, 6)}`;
      const created = await request(t.http)
        .post('/api/inventory/warehouses')
        .set('Authorization', `Bearer ${admin}`)
        .send({ code, name: ' Berlin ', country: 'de' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: code.toUpperCase(),
        name: 'Berlin',
        country: 'DE',
      });

      const list = await request(t.http)
        .get('/api/inventory/warehouses?limit=100')
        .set('Authorization', `Bearer ${admin}`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, limit: 100, total: expect.any(Number) });
      expect(list.body.items).toContainEqual(created.body);
    });

    it('answers 409 for a code that exists, whatever its case', async () => {
      const code = `DUP-${randomUUID().slice(0, 6).toUpperCase()}`;
      const body = { code, name: 'First', country: 'FR' };
      expect(
        (
          await request(t.http)
            .post('/api/inventory/warehouses')
            .set('Authorization', `Bearer ${admin}`)
            .send(body)
        ).status,
      ).toBe(201);
      const again = await request(t.http)
        .post('/api/inventory/warehouses')
        .set('Authorization', `Bearer ${admin}`)
        .send({ ...body, code: code.toLowerCase() });
      expectProblem(again, 409, 'WAREHOUSE_CODE_TAKEN');
    });

    it('answers 400 naming each bad field', async () => {
      const response = await request(t.http)
        .post('/api/inventory/warehouses')
        .set('Authorization', `Bearer ${admin}`)
        .send({ code: 'has spaces', country: 'XX', extra: true });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(Object.keys(problem.errors as object).sort()).toEqual(['code', 'country', 'extra', 'name']);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await request(t.http)
        .post('/api/inventory/warehouses')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send('{"code": ');
      expectProblem(response, 400);
    });

    it('is for admins only: 401 without a token, 401 with a bad one, 403 for a customer', async () => {
      expectProblem(await request(t.http).get('/api/inventory/warehouses'), 401);
      expectProblem(
        await request(t.http).get('/api/inventory/warehouses').set('Authorization', 'Bearer not-a-token'),
        401,
      );
      const expired = await t.tokens.sign({ roles: ['admin'], expiresIn: '-1m' });
      expectProblem(
        await request(t.http).get('/api/inventory/warehouses').set('Authorization', `Bearer ${expired}`),
        401,
      );
      expectProblem(
        await request(t.http).get('/api/inventory/warehouses').set('Authorization', `Bearer ${customer}`),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await request(t.http)
          .post('/api/inventory/warehouses')
          .set('Authorization', `Bearer ${customer}`)
          .send({ code: 'X', name: 'X', country: 'DE' }),
        403,
      );
    });
  });

  describe('stock', () => {
    it('creates the stock record when product.created arrives on product.events', async () => {
      const productId = randomUUID();
      expectProblem(await request(t.http).get(`/api/inventory/${productId}`), 404, 'PRODUCT_NOT_FOUND');
      await publisher.publish('product.created', productId, productSnapshot(productId), 'product-service');
      const stock = await eventually(async () => {
        const response = await request(t.http).get(`/api/inventory/${productId}`);
        expect(response.status).toBe(200);
        return response.body;
      });
      expect(stock).toEqual({ productId, active: true, available: 0, reserved: 0, warehouses: [] });
    });

    it('sets on-hand stock per warehouse, publishes the change and logs the movement', async () => {
      const productId = await seedProduct(t.db, {});
      const [w1, w2] = [await createWarehouse(t.db), await createWarehouse(t.db)];
      const put = (warehouseId: string, onHand: number) =>
        request(t.http)
          .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ onHand });

      const first = await put(w1, 40);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        productId,
        active: true,
        available: 40,
        reserved: 0,
        warehouses: [{ warehouseId: w1, onHand: 40, reserved: 0 }],
      });
      expect((await put(w2, 7)).body.available).toBe(47);
      expect((await put(w1, 30)).body.available).toBe(37);
      // Setting the same count again changes nothing and logs nothing.
      expect((await put(w1, 30)).status).toBe(200);

      const publicView = await request(t.http).get(`/api/inventory/${productId}`);
      expect(publicView.status).toBe(200);
      expect(publicView.body.available).toBe(37);
      expect(publicView.body.warehouses).toHaveLength(2);

      await eventually(() =>
        expect(recorder.ofType('inventory.stock-changed', productId).map((m) => m.envelope.data)).toEqual([
          { productId, available: 40 },
          { productId, available: 47 },
          { productId, available: 37 },
        ]),
      );
      expect(recorder.ofType('inventory.stock-changed', productId)[0].key).toBe(productId);

      const movements = await request(t.http)
        .get(`/api/inventory/${productId}/movements?limit=2`)
        .set('Authorization', `Bearer ${admin}`);
      expect(movements.status).toBe(200);
      expect(movements.body).toMatchObject({ page: 1, limit: 2, total: 3 });
      expect(movements.body.items[0]).toEqual({
        id: expect.any(String),
        productId,
        warehouseId: w1,
        deltaOnHand: -10,
        deltaReserved: 0,
        reason: 'adjustment',
        actor: adminId,
        reference: null,
        at: expect.any(String),
      });
      expect(movements.body.items[1]).toMatchObject({
        warehouseId: w2,
        deltaOnHand: 7,
        reason: 'restock',
        actor: adminId,
      });
      const page2 = await request(t.http)
        .get(`/api/inventory/${productId}/movements?limit=2&page=2`)
        .set('Authorization', `Bearer ${admin}`);
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.items[0]).toMatchObject({ warehouseId: w1, deltaOnHand: 40, reason: 'restock' });
    });

    it('refuses to count fewer units than a warehouse has reserved (422)', async () => {
      const warehouseId = await createWarehouse(t.db);
      const productId = await seedProduct(t.db, { [warehouseId]: 10 });
      await t.db.manager.query(`UPDATE stock_levels SET reserved = 6 WHERE product_id = $1`, [productId]);
      const response = await request(t.http)
        .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ onHand: 5 });
      const problem = expectProblem(response, 422, 'ON_HAND_BELOW_RESERVED');
      expect(problem.reserved).toBe(6);
      const ok = await request(t.http)
        .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ onHand: 6 });
      expect(ok.body).toMatchObject({ available: 0, reserved: 6 });
    });

    it('answers 404 for an unknown product or warehouse and 400 for bad ids and bodies', async () => {
      const warehouseId = await createWarehouse(t.db);
      const productId = await seedProduct(t.db, {});
      const auth = { Authorization: `Bearer ${admin}` };
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${randomUUID()}/warehouses/${warehouseId}`)
          .set(auth)
          .send({ onHand: 1 }),
        404,
        'PRODUCT_NOT_FOUND',
      );
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${productId}/warehouses/${randomUUID()}`)
          .set(auth)
          .send({ onHand: 1 }),
        404,
        'WAREHOUSE_NOT_FOUND',
      );
      expectProblem(
        await request(t.http).get(`/api/inventory/${randomUUID()}/movements`).set(auth),
        404,
        'PRODUCT_NOT_FOUND',
      );
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${randomUUID()}/threshold`)
          .set(auth)
          .send({ threshold: 1 }),
        404,
        'PRODUCT_NOT_FOUND',
      );

      const badId = expectProblem(
        await request(t.http).get('/api/inventory/not-a-uuid'),
        400,
        'VALIDATION_FAILED',
      );
      expect(badId.errors).toEqual({ productId: ['productId must be a UUID'] });
      for (const body of [{ onHand: -1 }, { onHand: 1.5 }, { onHand: '3' }, {}, { onHand: 2_000_000_000 }]) {
        const problem = expectProblem(
          await request(t.http)
            .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
            .set(auth)
            .send(body),
          400,
        );
        expect(Object.keys(problem.errors as object)).toEqual(['onHand']);
      }
      expectProblem(
        await request(t.http).put(`/api/inventory/${productId}/threshold`).set(auth).send({ threshold: -3 }),
        400,
      );
      expectProblem(
        await request(t.http).get(`/api/inventory/${productId}/movements?limit=500`).set(auth),
        400,
      );
    });

    it('keeps writes and admin reads for admins', async () => {
      const productId = await seedProduct(t.db, {});
      const warehouseId = await createWarehouse(t.db);
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
          .send({ onHand: 1 }),
        401,
      );
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
          .set('Authorization', `Bearer ${customer}`)
          .send({ onHand: 1 }),
        403,
      );
      expectProblem(
        await request(t.http)
          .put(`/api/inventory/${productId}/threshold`)
          .set('Authorization', `Bearer ${customer}`)
          .send({ threshold: 1 }),
        403,
      );
      expectProblem(await request(t.http).get('/api/inventory/low-stock'), 401);
      expectProblem(
        await request(t.http)
          .get(`/api/inventory/${productId}/movements`)
          .set('Authorization', `Bearer ${customer}`),
        403,
      );
    });
  });

  describe('low stock', () => {
    it('lists active products at or below their threshold, with per-product thresholds', async () => {
      const warehouseId = await createWarehouse(t.db);
      const low = await seedProduct(t.db, { [warehouseId]: 3 });
      const plenty = await seedProduct(t.db, { [warehouseId]: 50 });
      const custom = await seedProduct(t.db, { [warehouseId]: 8 });
      const auth = { Authorization: `Bearer ${admin}` };

      const threshold = await request(t.http)
        .put(`/api/inventory/${custom}/threshold`)
        .set(auth)
        .send({ threshold: 10 });
      expect(threshold.status).toBe(200);
      expect(threshold.body).toEqual({ productId: custom, threshold: 10, available: 8, lowStock: true });
      // Raising the threshold over current stock is a crossing too: it alerts, once.
      await eventually(() =>
        expect(recorder.ofType('inventory.low-stock', custom).map((m) => m.envelope.data)).toEqual([
          { productId: custom, available: 8, threshold: 10 },
        ]),
      );

      const all: { productId: string; available: number; threshold: number }[] = [];
      for (let page = 1; ; page += 1) {
        const response = await request(t.http)
          .get(`/api/inventory/low-stock?limit=100&page=${page}`)
          .set(auth);
        expect(response.status).toBe(200);
        all.push(...response.body.items);
        if (response.body.items.length < 100) break;
      }
      expect(all).toContainEqual({ productId: low, available: 3, reserved: 0, threshold: 5 });
      expect(all).toContainEqual({ productId: custom, available: 8, reserved: 0, threshold: 10 });
      expect(all.find((item) => item.productId === plenty)).toBeUndefined();
      expect(all.every((item) => item.available <= item.threshold)).toBe(true);
    });

    it('alerts once when sales cross the threshold, and again only after a restock above it', async () => {
      const warehouseId = await createWarehouse(t.db);
      const productId = await seedProduct(t.db, {});
      const put = (onHand: number) =>
        request(t.http)
          .put(`/api/inventory/${productId}/warehouses/${warehouseId}`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ onHand });
      for (const onHand of [20, 5, 4, 0, 6, 3]) expect((await put(onHand)).status).toBe(200);
      await eventually(() => expect(recorder.ofType('inventory.stock-changed', productId)).toHaveLength(6));
      expect(recorder.ofType('inventory.low-stock', productId).map((m) => m.envelope.data)).toEqual([
        { productId, available: 5, threshold: 5 },
        { productId, available: 3, threshold: 5 },
      ]);
    });
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    // With a token: the shared auth guard does not yet exempt the operational endpoints.
    const ready = await request(t.http).get('/health/ready').set('Authorization', `Bearer ${admin}`);
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'up' } });
    const metrics = await request(t.http).get('/metrics').set('Authorization', `Bearer ${admin}`);
    expect(metrics.text).toContain('inventory_stock_adjustments_total');
    const docs = await request(t.http).get('/docs-json').set('Authorization', `Bearer ${admin}`);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/inventory/warehouses',
        '/api/inventory/{productId}',
        '/api/inventory/{productId}/warehouses/{warehouseId}',
        '/api/inventory/low-stock',
      ]),
    );
  });
});
