import { metricsRegistry } from '@ecommerce/observability';
import { CatalogReadsService } from '../src/products/catalog-reads.service';
import { createCategory, createProduct } from './support/catalog';
import { expectProblem, startProductService, type TestProductService } from './support/product-service';

async function cacheCount(cache: string, result: 'hit' | 'miss'): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('product_cache_requests_total')?.get();
  return (
    metric?.values.find((value) => value.labels.cache === cache && value.labels.result === result)?.value ?? 0
  );
}

describe('product-service read cache (real PostgreSQL, Redis)', () => {
  let service: TestProductService;
  const admin = () => service.adminToken;

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(() => service.close());

  it('serves a product from Redis on the second read, and counts hits and misses', async () => {
    const product = await createProduct(service);
    const misses = await cacheCount('product', 'miss');
    const first = await service.http().get(`/api/products/${product.id}`).expect(200);
    expect(await cacheCount('product', 'miss')).toBe(misses + 1);
    await warm(service, `/api/products/${product.id}`, service.keys.product(product.id, 'EUR'));
    const hits = await cacheCount('product', 'hit');
    const second = await service.http().get(`/api/products/${product.id}`).expect(200);
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(await cacheCount('product', 'hit')).toBe(hits + 1);
  });

  it('answers a cache hit before routing with the same body and headers the controller gives', async () => {
    const product = await createProduct(service);
    const path = `/api/products/${product.id}`;
    const controllerPath = jest.spyOn(service.app.get(CatalogReadsService), 'productJson');
    try {
      const fromController = await service.http().get(`${path}?currency=USD`).expect(200);
      await warm(service, `${path}?currency=USD`, service.keys.product(product.id, 'USD'));
      const calls = controllerPath.mock.calls.length;
      const hit = await service.http().get(`${path}?currency=USD`).expect(200);
      expect(controllerPath.mock.calls.length).toBe(calls);
      expect(hit.text).toBe(fromController.text);
      for (const header of ['content-type', 'content-length', 'etag'])
        expect(hit.headers[header]).toBe(fromController.headers[header]);
      expect(hit.headers['x-correlation-id']).toBeDefined();

      // Shapes the controller judges (another case, other parameters, a conditional request) are its own.
      await service.http().get(`${path}?currency=usd`).expect(200);
      expectProblem(await service.http().get(`${path}?currency=USD&extra=1`), 400);
      await service.http().get(`${path}?currency=USD`).set('If-None-Match', hit.headers.etag).expect(304);
      expect(controllerPath.mock.calls.length).toBe(calls + 2); // the 400 never reaches it
    } finally {
      controllerPath.mockRestore();
    }
  });

  it('shows a new price at once after PATCH returns, though the old one was cached', async () => {
    const product = await createProduct(service, { price: { amount: 1000, currency: 'EUR' } });
    await warm(service, `/api/products/${product.id}`, service.keys.product(product.id, 'EUR'));
    expect((await service.http().get(`/api/products/${product.id}`).expect(200)).body.price.amount).toBe(
      1000,
    );

    for (const amount of [1100, 1200, 1300]) {
      await service
        .http()
        .patch(`/api/products/${product.id}`)
        .auth(admin(), { type: 'bearer' })
        .send({ price: { amount, currency: 'EUR' } })
        .expect(200);
      // The very next read, no waiting: the write has returned, so the old price must be gone.
      expect((await service.http().get(`/api/products/${product.id}`).expect(200)).body.price).toEqual({
        amount,
        currency: 'EUR',
      });
    }
  });

  it('never serves an old price after PATCH returns, with readers filling the cache during the write', async () => {
    const product = await createProduct(service, { price: { amount: 5000, currency: 'EUR' } });
    const path = `/api/products/${product.id}`;
    await warm(service, path, service.keys.product(product.id, 'EUR'));
    for (let round = 1; round <= 5; round++) {
      const amount = 5000 + round;
      let writing = true;
      // Readers keep missing and refilling the cache while the write commits.
      const readers = Array.from({ length: 4 }, async () => {
        while (writing) await service.http().get(path).expect(200);
      });
      await service
        .http()
        .patch(path)
        .auth(admin(), { type: 'bearer' })
        .send({ price: { amount, currency: 'EUR' } })
        .expect(200);
      expect((await service.http().get(path).expect(200)).body.price.amount).toBe(amount);
      writing = false;
      await Promise.all(readers);
      // Whatever the readers stored late must not win either.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await service.http().get(path).expect(200)).body.price.amount).toBe(amount);
    }
  });

  it('invalidates cached list pages on create, update and delete', async () => {
    const category = await createCategory(service, 'Cached');
    const list = () => service.http().get(`/api/products?categoryId=${category.id}`).expect(200);
    const a = await createProduct(service, { categoryId: category.id, name: 'First' });
    expect((await list()).body.total).toBe(1);
    await warm(
      service,
      `/api/products?categoryId=${category.id}`,
      service.keys.list({ page: 1, limit: 20, categoryId: category.id, currency: 'EUR' }),
    );

    const b = await createProduct(service, { categoryId: category.id, name: 'Second' });
    expect((await list()).body.items.map((item: { id: string }) => item.id)).toEqual([a.id, b.id]);

    await service
      .http()
      .patch(`/api/products/${a.id}`)
      .auth(admin(), { type: 'bearer' })
      .send({ name: 'First, renamed' })
      .expect(200);
    expect((await list()).body.items[0].name).toBe('First, renamed');

    await service.http().delete(`/api/products/${b.id}`).auth(admin(), { type: 'bearer' }).expect(204);
    expect((await list()).body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: a.id })] });
  });

  it('hides a deleted product at once, though it was cached', async () => {
    const product = await createProduct(service);
    await warm(service, `/api/products/${product.id}`, service.keys.product(product.id, 'EUR'));
    await service.http().delete(`/api/products/${product.id}`).auth(admin(), { type: 'bearer' }).expect(204);
    expectProblem(await service.http().get(`/api/products/${product.id}`), 404, 'PRODUCT_NOT_FOUND');
    // The 404 is cached too, and still a proper problem document.
    expectProblem(await service.http().get(`/api/products/${product.id}`), 404, 'PRODUCT_NOT_FOUND');
  });

  it('ignores an entry stamped with old versions, even if a slow reader writes it late', async () => {
    const product = await createProduct(service, { name: 'Current' });
    const key = service.keys.product(product.id, 'EUR');
    await warm(service, `/api/products/${product.id}`, key);
    const [version, fx] = await service.redis.mget(
      service.keys.productVersion(product.id),
      service.keys.fxVersion(),
    );
    // What a reader that loaded the row before the last write would store, after it.
    const stale = JSON.stringify({ ...product, name: 'Stale' });
    await service.redis.set(key, `${Number(version) - 1}:${fx}|${stale}`, 'EX', 60);
    expect((await service.http().get(`/api/products/${product.id}`).expect(200)).body.name).toBe('Current');
  });

  it('keeps serving reads from PostgreSQL when the cached data is garbage', async () => {
    const product = await createProduct(service, { name: 'Robust' });
    await service.redis.set(service.keys.product(product.id, 'EUR'), 'not an entry', 'EX', 60);
    expect((await service.http().get(`/api/products/${product.id}`).expect(200)).body.name).toBe('Robust');
  });
});

/**
 * Reads `path` until its cache entry exists. The first read of a fresh prefix only creates the
 * version counters, and entries are written without making the answer wait, so this polls.
 */
async function warm(service: TestProductService, path: string, key: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await service.redis.exists(key))) {
    if (Date.now() > deadline) throw new Error(`no cache entry ${key}`);
    await service.http().get(path);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('product-service read cache bounds (real PostgreSQL, Redis)', () => {
  let service: TestProductService;

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(() => service.close());

  const listEntries = async () =>
    (await service.redis.keys(`{${service.config.CACHE_PREFIX}}:list:*`)).length;

  it('caches list pages up to page 10 and never deeper ones', async () => {
    const before = await listEntries();
    // The first read creates the version counters, the second stores the entry.
    for (let read = 0; read < 2; read++)
      await service.http().get('/api/products?page=10&limit=5').expect(200);
    await eventuallyCount(listEntries, before + 1);
    for (const page of [11, 99, 10_000]) {
      for (let read = 0; read < 2; read++) {
        const response = await service.http().get(`/api/products?page=${page}&limit=100`).expect(200);
        expect(response.body).toMatchObject({ page, limit: 100, items: [] });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // cache writes are fire-and-forget
    expect(await listEntries()).toBe(before + 1);
  });

  it.each([
    'page=99999999999999999999',
    'page=1e306',
    'page=-1',
    'page=10001',
    'limit=0',
    'limit=101',
    'page=1.5',
    'limit=abc',
  ])('answers /api/products?%s with a 400 problem naming the parameter', async (query) => {
    const response = await service.http().get(`/api/products?${query}`);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(Object.keys(response.body.errors as object)).toEqual([query.split('=')[0]]);
  });
});

async function eventuallyCount(count: () => Promise<number>, expected: number): Promise<void> {
  for (let attempt = 0; attempt < 40 && (await count()) !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await count()).toBe(expected);
}
