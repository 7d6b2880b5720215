import { createCategory, createProduct } from './support/catalog';
import {
  expectProblem,
  expectValidationProblem,
  startProductService,
  type TestProductService,
} from './support/product-service';

// The FX table is one row set per base currency in products_test: only this file changes it.
describe('product-service prices in other currencies (real PostgreSQL, Redis)', () => {
  let service: TestProductService;
  const putRates = (rates: Record<string, unknown>, base = 'EUR') =>
    service
      .http()
      .put('/api/products/fx-rates')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ base, rates });

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(async () => {
    await putRates({}).expect(200);
    await service.close();
  });

  it('lets admins replace the FX table and anyone read it, exactly as typed', async () => {
    const put = await putRates({ USD: '1.0835', GBP: '0.8571', JPY: '161.20' }).expect(200);
    expect(put.body).toEqual({
      base: 'EUR',
      rates: { GBP: '0.8571', JPY: '161.20', USD: '1.0835' },
      updatedAt: expect.any(String),
    });
    const read = await service.http().get('/api/products/fx-rates').expect(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.body).toEqual(put.body);

    // A PUT replaces the table: GBP and JPY are gone.
    await putRates({ USD: '1.09' }).expect(200);
    expect((await service.http().get('/api/products/fx-rates').expect(200)).body.rates).toEqual({
      USD: '1.09',
    });
  });

  it('validates the FX table: 400 per bad entry, 422 for another base, 401/403 for non-admins', async () => {
    const invalid = await putRates({ USD: 1.08, gbp: '0.85', CHF: '0', EUR: '1', SEK: 'eleven' });
    expectValidationProblem(invalid, ['rates.USD', 'rates.gbp', 'rates.CHF', 'rates.EUR', 'rates.SEK']);
    expectValidationProblem(
      await service
        .http()
        .put('/api/products/fx-rates')
        .auth(service.adminToken, { type: 'bearer' })
        .send({ rates: [] }),
      ['base', 'rates'],
    );
    expectProblem(await putRates({ EUR: '0.92' }, 'USD'), 422, 'FX_BASE_MISMATCH');
    expectProblem(await service.http().put('/api/products/fx-rates').send({ base: 'EUR', rates: {} }), 401);
    expectProblem(
      await service
        .http()
        .put('/api/products/fx-rates')
        .auth(service.customerToken, { type: 'bearer' })
        .send({ base: 'EUR', rates: {} }),
      403,
    );
  });

  it('shows an explicit price first, else converts the base price with the rate', async () => {
    await putRates({ USD: '1.0835', GBP: '0.8571', JPY: '161.2' }).expect(200);
    const product = await createProduct(service, {
      price: { amount: 12999, currency: 'EUR' },
      prices: [{ amount: 13900, currency: 'USD' }],
    });
    const inCurrency = async (currency: string) =>
      (await service.http().get(`/api/products/${product.id}?currency=${currency}`).expect(200)).body;

    expect((await inCurrency('USD')).price).toEqual({ amount: 13900, currency: 'USD' });
    expect((await inCurrency('GBP')).price).toEqual({ amount: 11141, currency: 'GBP' });
    expect((await inCurrency('jpy')).price).toEqual({ amount: 20954, currency: 'JPY' });
    const inEur = await inCurrency('EUR');
    expect(inEur.price).toEqual({ amount: 12999, currency: 'EUR' });
    // Only `price` changes with the currency; the explicit prices are shown as they are.
    expect((await inCurrency('GBP')).prices).toEqual([{ amount: 13900, currency: 'USD' }]);
  });

  it('answers 422 for a currency with neither an explicit price nor a rate', async () => {
    await putRates({ USD: '1.0835' }).expect(200);
    const product = await createProduct(service, { prices: [{ amount: 15000, currency: 'CHF' }] });
    const problem = await service.http().get(`/api/products/${product.id}?currency=SEK`);
    expectProblem(problem, 422, 'NO_EXCHANGE_RATE');
    expect(problem.body.currency).toBe('SEK');
    expect(
      (await service.http().get(`/api/products/${product.id}?currency=CHF`).expect(200)).body.price,
    ).toEqual({ amount: 15000, currency: 'CHF' });
    expectValidationProblem(await service.http().get(`/api/products/${product.id}?currency=EURO`), [
      'currency',
    ]);
  });

  it('prices list pages in the asked currency', async () => {
    await putRates({ USD: '1.10' }).expect(200);
    const category = await createCategory(service, 'Priced');
    const explicit = await createProduct(service, {
      categoryId: category.id,
      price: { amount: 1000, currency: 'EUR' },
      prices: [{ amount: 999, currency: 'USD' }],
    });
    const converted = await createProduct(service, {
      categoryId: category.id,
      price: { amount: 2000, currency: 'EUR' },
      prices: [],
    });
    const page = await service.http().get(`/api/products?categoryId=${category.id}&currency=USD`).expect(200);
    expect(page.body.items.map((item: { id: string; price: unknown }) => [item.id, item.price])).toEqual([
      [explicit.id, { amount: 999, currency: 'USD' }],
      [converted.id, { amount: 2200, currency: 'USD' }],
    ]);
    expectProblem(
      await service.http().get(`/api/products?categoryId=${category.id}&currency=NOK`),
      422,
      'NO_EXCHANGE_RATE',
    );
  });

  it('applies a new rate at once to cached converted prices, and keeps explicit ones', async () => {
    await putRates({ USD: '1.10' }).expect(200);
    const category = await createCategory(service, 'Rates');
    const converted = await createProduct(service, {
      categoryId: category.id,
      price: { amount: 1000, currency: 'EUR' },
      prices: [],
    });
    const explicit = await createProduct(service, {
      categoryId: category.id,
      price: { amount: 1000, currency: 'EUR' },
      prices: [{ amount: 1234, currency: 'USD' }],
    });
    const readPrice = async () =>
      (await service.http().get(`/api/products/${converted.id}?currency=USD`).expect(200)).body.price.amount;
    const readList = async () =>
      (
        await service.http().get(`/api/products?categoryId=${category.id}&currency=USD`).expect(200)
      ).body.items.map((item: { price: { amount: number } }) => item.price.amount);
    for (let i = 0; i < 3; i++) {
      expect(await readPrice()).toBe(1100);
      expect(await readList()).toEqual([1100, 1234]);
    }

    await putRates({ USD: '1.20' }).expect(200);
    expect(await readPrice()).toBe(1200);
    expect(await readList()).toEqual([1200, 1234]);
    expect(
      (await service.http().get(`/api/products/${explicit.id}?currency=USD`).expect(200)).body.price.amount,
    ).toBe(1234);

    await putRates({}).expect(200);
    expectProblem(
      await service.http().get(`/api/products/${converted.id}?currency=USD`),
      422,
      'NO_EXCHANGE_RATE',
    );
  });

  it('changes a cached explicit price at once when PATCH sets it', async () => {
    await putRates({ USD: '1.10' }).expect(200);
    const product = await createProduct(service, { price: { amount: 1000, currency: 'EUR' }, prices: [] });
    for (let i = 0; i < 3; i++)
      expect(
        (await service.http().get(`/api/products/${product.id}?currency=USD`).expect(200)).body.price.amount,
      ).toBe(1100);
    await service
      .http()
      .patch(`/api/products/${product.id}`)
      .auth(service.adminToken, { type: 'bearer' })
      .send({ prices: [{ amount: 1099, currency: 'USD' }] })
      .expect(200);
    expect(
      (await service.http().get(`/api/products/${product.id}?currency=USD`).expect(200)).body.price.amount,
    ).toBe(1099);
  });
});
