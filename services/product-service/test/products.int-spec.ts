import { randomUUID } from 'node:crypto';
import { TestTokens } from '@ecommerce/testing';
import { createCategory, createProduct, newProduct } from './support/catalog';
import {
  expectProblem,
  expectValidationProblem,
  startProductService,
  type TestProductService,
} from './support/product-service';

describe('product-service products (real PostgreSQL, Redis, Kafka)', () => {
  let service: TestProductService;
  const admin = () => ({ type: 'bearer' as const, token: service.adminToken });
  const asAdmin = <T extends { auth: (token: string, options: { type: 'bearer' }) => T }>(req: T): T =>
    req.auth(admin().token, { type: 'bearer' });

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(() => service.close());

  it('creates, reads, updates and soft-deletes a product', async () => {
    const body = newProduct();
    const created = await asAdmin(service.http().post('/api/products')).send(body).expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sku: body.sku,
      name: body.name,
      description: body.description,
      categoryId: null,
      price: { amount: 12999, currency: 'EUR' },
      prices: [{ amount: 13900, currency: 'USD' }],
      images: ['https://example.com/images/aurora-1.jpg'],
      attributes: { color: 'black', wireless: true, batteryHours: 30 },
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;

    const read = await service.http().get(`/api/products/${id}`).expect(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.body).toEqual(created.body);

    const patched = await asAdmin(service.http().patch(`/api/products/${id}`))
      .send({ name: 'Aurora Pro', price: { amount: 14999, currency: 'EUR' }, attributes: { color: 'white' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      id,
      name: 'Aurora Pro',
      price: { amount: 14999, currency: 'EUR' },
      attributes: { color: 'white' },
    });
    expect(patched.body.description).toBe(body.description);
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThan(Date.parse(created.body.updatedAt));
    expect((await service.http().get(`/api/products/${id}`).expect(200)).body).toEqual(patched.body);

    await asAdmin(service.http().delete(`/api/products/${id}`)).expect(204);
    expectProblem(await service.http().get(`/api/products/${id}`), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(
      await asAdmin(service.http().patch(`/api/products/${id}`)).send({ name: 'Back' }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    // A retried DELETE is harmless.
    await asAdmin(service.http().delete(`/api/products/${id}`)).expect(204);
  });

  it('keeps an unchanged product as it was on an empty or identical PATCH', async () => {
    const product = await createProduct(service);
    const same = await asAdmin(service.http().patch(`/api/products/${product.id}`))
      .send({ name: product.name })
      .expect(200);
    expect(same.body).toEqual(product);
    expect(
      (
        await asAdmin(service.http().patch(`/api/products/${product.id}`))
          .send({})
          .expect(200)
      ).body,
    ).toEqual(product);
  });

  it('replaces explicit prices, images and the category on PATCH, and uncategorises with null', async () => {
    const category = await createCategory(service, 'Audio');
    const product = await createProduct(service);
    const patched = await asAdmin(service.http().patch(`/api/products/${product.id}`))
      .send({
        categoryId: category.id,
        prices: [
          { amount: 11900, currency: 'GBP' },
          { amount: 14500, currency: 'USD' },
        ],
        images: [],
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      categoryId: category.id,
      prices: [
        { amount: 11900, currency: 'GBP' },
        { amount: 14500, currency: 'USD' },
      ],
      images: [],
    });
    const cleared = await asAdmin(service.http().patch(`/api/products/${product.id}`))
      .send({ categoryId: null, prices: [] })
      .expect(200);
    expect(cleared.body).toMatchObject({ categoryId: null, prices: [] });
  });

  it('answers 409 for a SKU already taken, whatever its case, also by a deleted product', async () => {
    const product = await createProduct(service);
    const duplicate = await asAdmin(service.http().post('/api/products')).send(
      newProduct({ sku: product.sku.toLowerCase() }),
    );
    expectProblem(duplicate, 409, 'SKU_TAKEN');
    expect(duplicate.body.type).toBe('/problems/sku-taken');

    const other = await createProduct(service);
    expectProblem(
      await asAdmin(service.http().patch(`/api/products/${other.id}`)).send({ sku: product.sku }),
      409,
      'SKU_TAKEN',
    );

    await asAdmin(service.http().delete(`/api/products/${product.id}`)).expect(204);
    expectProblem(
      await asAdmin(service.http().post('/api/products')).send(newProduct({ sku: product.sku })),
      409,
      'SKU_TAKEN',
    );
  });

  it('answers 400 with the offending fields for invalid bodies, ids and queries', async () => {
    const invalid = await asAdmin(service.http().post('/api/products')).send({
      sku: 'has spaces',
      name: '',
      price: { amount: 12.5, currency: 'euro' },
      prices: [{ amount: -1, currency: 'USD' }],
      images: ['ftp://example.com/a.jpg'],
      active: false,
    });
    expectValidationProblem(invalid, [
      'sku',
      'name',
      'description',
      'categoryId',
      'price.amount',
      'price.currency',
      'prices.0.amount',
      'images',
      'active',
    ]);

    expectValidationProblem(
      await asAdmin(service.http().post('/api/products')).send(
        newProduct({ attributes: { dims: { w: 1 } } }),
      ),
      ['attributes'],
    );
    expectValidationProblem(
      await asAdmin(service.http().post('/api/products')).send(newProduct({ attributes: ['a'] })),
      ['attributes'],
    );
    expectValidationProblem(
      await asAdmin(service.http().post('/api/products')).send(
        newProduct({
          prices: [
            { amount: 1, currency: 'USD' },
            { amount: 2, currency: 'USD' },
          ],
        }),
      ),
      ['prices'],
    );
    expectValidationProblem(
      await asAdmin(service.http().post('/api/products')).send(
        newProduct({ price: { amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' } }),
      ),
      ['price.amount'],
    );

    const product = await createProduct(service);
    expectValidationProblem(
      await asAdmin(service.http().patch(`/api/products/${product.id}`)).send({ name: null, price: null }),
      ['name', 'price'],
    );
    expectValidationProblem(
      await asAdmin(service.http().patch(`/api/products/${product.id}`)).send({ active: true }),
      ['active'],
    );

    expectValidationProblem(await service.http().get('/api/products/not-a-uuid'), ['id']);
    expectValidationProblem(await service.http().get('/api/products?limit=500&page=0'), ['limit', 'page']);
    expectValidationProblem(await service.http().get('/api/products?categoryId=nope&currency=dollars'), [
      'categoryId',
      'currency',
    ]);

    const malformed = await asAdmin(service.http().post('/api/products'))
      .set('Content-Type', 'application/json')
      .send('{"sku": ');
    expectProblem(malformed, 400);
  });

  it('answers 422 for a price outside the base currency and for an unknown category', async () => {
    const wrongBase = await asAdmin(service.http().post('/api/products')).send(
      newProduct({ price: { amount: 1000, currency: 'USD' } }),
    );
    expectProblem(wrongBase, 422, 'PRICE_NOT_IN_BASE_CURRENCY');
    expect(wrongBase.body.errors).toEqual({ 'price.currency': ['must be EUR'] });

    expectProblem(
      await asAdmin(service.http().post('/api/products')).send(newProduct({ categoryId: randomUUID() })),
      422,
      'CATEGORY_NOT_FOUND',
    );
    const product = await createProduct(service);
    expectProblem(
      await asAdmin(service.http().patch(`/api/products/${product.id}`)).send({ categoryId: randomUUID() }),
      422,
      'CATEGORY_NOT_FOUND',
    );
  });

  it('answers 404 for unknown products and routes', async () => {
    expectProblem(await service.http().get(`/api/products/${randomUUID()}`), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(
      await asAdmin(service.http().patch(`/api/products/${randomUUID()}`)).send({ name: 'x' }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expectProblem(
      await asAdmin(service.http().delete(`/api/products/${randomUUID()}`)),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expectProblem(await service.http().get('/api/nothing-here'), 404);
  });

  it('keeps writes to admins: 401 without or with a bad token, 403 for customers', async () => {
    const product = await createProduct(service);
    expectProblem(await service.http().post('/api/products').send(newProduct()), 401, 'UNAUTHENTICATED');
    expectProblem(
      await service
        .http()
        .post('/api/products')
        .auth(await TestTokens.foreign(), { type: 'bearer' })
        .send(newProduct()),
      401,
    );
    expectProblem(
      await service
        .http()
        .post('/api/products')
        .auth(await service.tokens.sign({ roles: ['admin'], expiresIn: '-1m' }), { type: 'bearer' })
        .send(newProduct()),
      401,
    );
    expectProblem(
      await service
        .http()
        .post('/api/products')
        .auth(service.customerToken, { type: 'bearer' })
        .send(newProduct()),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await service
        .http()
        .patch(`/api/products/${product.id}`)
        .auth(service.customerToken, { type: 'bearer' })
        .send({ name: 'x' }),
      403,
    );
    expectProblem(
      await service
        .http()
        .delete(`/api/products/${product.id}`)
        .auth(service.customerToken, { type: 'bearer' }),
      403,
    );
    expectProblem(await service.http().delete(`/api/products/${product.id}`), 401);
    // Reads are public, and a customer's token does not hurt.
    await service
      .http()
      .get(`/api/products/${product.id}`)
      .auth(service.customerToken, { type: 'bearer' })
      .expect(200);
  });

  it('lists active products page by page, by category including descendants', async () => {
    const electronics = await createCategory(service, 'Electronics');
    const headphones = await createCategory(service, 'Headphones', electronics.id);
    const inEar = await createCategory(service, 'In-Ear', headphones.id);
    const other = await createCategory(service, 'Books');
    const top = await createProduct(service, { categoryId: electronics.id });
    const middle = await createProduct(service, { categoryId: headphones.id });
    const deep = await createProduct(service, { categoryId: inEar.id });
    const deleted = await createProduct(service, { categoryId: inEar.id });
    const book = await createProduct(service, { categoryId: other.id });
    await asAdmin(service.http().delete(`/api/products/${deleted.id}`)).expect(204);

    const all = await service.http().get(`/api/products?categoryId=${electronics.id}`).expect(200);
    expect(all.headers['content-type']).toMatch(/^application\/json/);
    expect(all.body).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([top.id, middle.id, deep.id]);

    const sub = await service.http().get(`/api/products?categoryId=${headphones.id}`).expect(200);
    expect(sub.body.items.map((item: { id: string }) => item.id)).toEqual([middle.id, deep.id]);

    const page2 = await service
      .http()
      .get(`/api/products?categoryId=${electronics.id}&page=2&limit=2`)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: deep.id })],
      page: 2,
      limit: 2,
      total: 3,
    });

    const books = await service.http().get(`/api/products?categoryId=${other.id}`).expect(200);
    expect(books.body.items).toEqual([expect.objectContaining({ id: book.id, active: true })]);
    expect((await service.http().get(`/api/products?categoryId=${randomUUID()}`).expect(200)).body).toEqual({
      items: [],
      page: 1,
      limit: 20,
      total: 0,
    });

    const everything = await service.http().get('/api/products?limit=100').expect(200);
    expect(everything.body.total).toBeGreaterThanOrEqual(4);
    expect(everything.body.items.every((item: { active: boolean }) => item.active)).toBe(true);
    expect(everything.body.items.some((item: { id: string }) => item.id === deleted.id)).toBe(false);
  });

  it('serves health and metrics without a token', async () => {
    const ready = await service.http().get('/health/ready').expect(200);
    expect(Object.keys(ready.body.info)).toEqual(expect.arrayContaining(['postgres', 'redis', 'kafka']));
    await service.http().get('/health/live').expect(200);
    const product = await createProduct(service);
    await service.http().get(`/api/products/${product.id}`).expect(200);
    const metrics = await service.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /product_cache_requests_total\{[^}]*cache="product"[^}]*result="miss"[^}]*\} \d+/,
    );
    expect(metrics.text).toContain('http_server_requests_seconds_bucket');
  });

  it('serves the OpenAPI document', async () => {
    const docs = await service.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/products',
        '/api/products/{id}',
        '/api/products/fx-rates',
        '/api/categories',
      ]),
    );
    expect(docs.body.paths['/api/products/{id}'].get.responses['200']).toBeDefined();
    expect(Object.keys(docs.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'ProductResponse',
        'CreateProductDto',
        'UpdateProductDto',
        'MoneyDto',
        'PutFxRatesDto',
      ]),
    );
  });
});
