import { createProduct } from './support/catalog';
import { expectProblem, startProductService, type TestProductService } from './support/product-service';

describe('product-service without Redis (real PostgreSQL, Kafka; Redis unreachable)', () => {
  let healthy: TestProductService;
  let cut: TestProductService;

  beforeAll(async () => {
    healthy = await startProductService();
    // Same database, but its cache Redis is a closed port: the read cache is down for this instance.
    cut = await startProductService({ CACHE_REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await cut.close();
    await healthy.close();
  });

  it('keeps serving reads from PostgreSQL', async () => {
    const product = await createProduct(healthy, { name: 'Still readable' });
    const read = await cut.http().get(`/api/products/${product.id}`).expect(200);
    expect(read.body).toEqual(product);
    expect((await cut.http().get('/api/products?limit=1').expect(200)).body.total).toBeGreaterThanOrEqual(1);
  });

  it('refuses writes it could not invalidate with 503, changing nothing', async () => {
    const product = await createProduct(healthy, { price: { amount: 700, currency: 'EUR' } });
    const refused = await cut
      .http()
      .patch(`/api/products/${product.id}`)
      .auth(cut.adminToken, { type: 'bearer' })
      .send({ price: { amount: 800, currency: 'EUR' } });
    expectProblem(refused, 503, 'CACHE_UNAVAILABLE');
    expect(refused.headers['retry-after']).toBe('1');
    expect((await healthy.http().get(`/api/products/${product.id}`).expect(200)).body.price.amount).toBe(700);
  });
});
