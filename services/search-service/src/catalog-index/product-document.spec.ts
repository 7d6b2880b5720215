import type { ProductSnapshot } from '@ecommerce/contracts';
import {
  basePrice,
  composeDocument,
  deletionFacts,
  mergeDocument,
  productFacts,
  stockFacts,
  updateFromDocument,
  type SearchDocument,
} from './product-document';

const ID = '8a4a3c1e-2f4b-4c55-9d0e-1f2a3b4c5d6e';

const snapshot = (overrides: Partial<ProductSnapshot> = {}): ProductSnapshot => ({
  id: ID,
  sku: 'HP-1',
  name: 'Wireless Headphones',
  description: 'Over-ear, noise cancelling',
  categoryId: 'c0a80101-0000-4000-8000-000000000001',
  price: { amount: 9_999, currency: 'EUR' },
  prices: [],
  images: [],
  attributes: {},
  active: true,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...overrides,
});

const at = (iso: string) => Date.parse(iso);

describe('productFacts', () => {
  it('takes the base-currency price, from `prices` when the main price is in another currency', () => {
    const facts = productFacts(
      snapshot({ price: { amount: 100, currency: 'USD' }, prices: [{ amount: 93, currency: 'EUR' }] }),
      'EUR',
    );
    expect(facts).toMatchObject({ kind: 'live', price: { amount: 93, currency: 'EUR' }, priceAmount: 93 });
  });

  it('keeps a product without a base-currency price searchable but out of price filters', () => {
    const facts = productFacts(snapshot({ price: { amount: 100, currency: 'USD' } }), 'EUR');
    expect(facts).toMatchObject({ kind: 'live', price: { amount: 100, currency: 'USD' }, priceAmount: null });
    expect(basePrice(snapshot({ price: { amount: 100, currency: 'USD' } }), 'EUR')).toBeUndefined();
  });

  it('treats an inactive (soft-deleted) product as a deletion at its updatedAt', () => {
    expect(productFacts(snapshot({ active: false, updatedAt: '2026-01-02T00:00:00.000Z' }), 'EUR')).toEqual({
      kind: 'deleted',
      version: at('2026-01-02T00:00:00.000Z'),
    });
  });
});

describe('mergeDocument', () => {
  const created = productFacts(snapshot(), 'EUR');
  const renamed = productFacts(
    snapshot({ name: 'Headphones Pro', updatedAt: '2026-01-01T11:00:00.000Z' }),
    'EUR',
  );

  it('creates a live document from a product event, not in stock until stock is known', () => {
    const doc = mergeDocument(ID, undefined, { product: created })!;
    expect(doc).toMatchObject({
      id: ID,
      status: 'live',
      name: 'Wireless Headphones',
      priceAmount: 9_999,
      inStock: false,
      stockVersion: null,
    });
    expect(doc.productVersion).toBe(at('2026-01-01T10:00:00.000Z'));
  });

  it('applies a newer product version and ignores an older one', () => {
    const v1 = mergeDocument(ID, undefined, { product: created })!;
    const v2 = mergeDocument(ID, v1, { product: renamed })!;
    expect(v2.name).toBe('Headphones Pro');
    expect(mergeDocument(ID, v2, { product: created })).toBeNull();
  });

  it('changes nothing when the same event is applied twice', () => {
    const doc = mergeDocument(ID, undefined, { product: created, stock: stockFacts(3, 1) })!;
    expect(mergeDocument(ID, doc, { product: created })).toBeNull();
    expect(mergeDocument(ID, doc, { stock: stockFacts(3, 1) })).toBeNull();
  });

  it('keeps a stock change that arrives before the product, and merges the product in later', () => {
    const stub = mergeDocument(ID, undefined, { stock: stockFacts(5, 100) })!;
    expect(stub).toMatchObject({
      status: 'pending',
      name: null,
      inStock: true,
      stockVersion: 100,
      productVersion: null,
    });
    const full = mergeDocument(ID, stub, { product: created })!;
    expect(full).toMatchObject({
      status: 'live',
      name: 'Wireless Headphones',
      inStock: true,
      stockVersion: 100,
    });
  });

  it('versions stock separately from product data', () => {
    const doc = mergeDocument(ID, undefined, { product: renamed, stock: stockFacts(0, 2_000) })!;
    // An older product event must not drag the (newer) stock back, and vice versa.
    const afterOldStock = mergeDocument(ID, doc, { stock: stockFacts(9, 1_000) });
    expect(afterOldStock).toBeNull();
    const afterNewStock = mergeDocument(ID, doc, { stock: stockFacts(9, 3_000) })!;
    expect(afterNewStock).toMatchObject({ inStock: true, name: 'Headphones Pro' });
  });

  it('lets the later of two same-millisecond stock events win (Kafka delivers a product in order)', () => {
    const doc = mergeDocument(ID, undefined, { stock: stockFacts(4, 500) })!;
    expect(mergeDocument(ID, doc, { stock: stockFacts(0, 500) })).toMatchObject({ inStock: false });
  });

  it('keeps a tombstone that a late update cannot resurrect, but a newer one can', () => {
    const live = mergeDocument(ID, undefined, { product: created, stock: stockFacts(2, 1) })!;
    const deleted = mergeDocument(ID, live, { product: deletionFacts('2026-01-01T12:00:00.000Z') })!;
    expect(deleted).toMatchObject({ status: 'deleted', name: null, priceAmount: null, inStock: true });
    expect(mergeDocument(ID, deleted, { product: renamed })).toBeNull();
    const sameMillisecond = productFacts(snapshot({ updatedAt: '2026-01-01T12:00:00.000Z' }), 'EUR');
    expect(mergeDocument(ID, deleted, { product: sameMillisecond })).toBeNull();
    const reactivated = productFacts(snapshot({ updatedAt: '2026-01-02T00:00:00.000Z' }), 'EUR');
    expect(mergeDocument(ID, deleted, { product: reactivated })).toMatchObject({ status: 'live' });
  });

  it('records a deletion of a product it has never seen, so the late create is ignored', () => {
    const tombstone = mergeDocument(ID, undefined, { product: deletionFacts('2026-01-01T12:00:00.000Z') })!;
    expect(tombstone.status).toBe('deleted');
    expect(mergeDocument(ID, tombstone, { product: created })).toBeNull();
  });

  it('round-trips a document through updateFromDocument (how a rebuild carries documents over)', () => {
    const doc = mergeDocument(ID, undefined, { product: renamed, stock: stockFacts(1, 42) })!;
    expect(composeDocument(ID, updateFromDocument(doc).product, updateFromDocument(doc).stock)).toEqual(doc);
    const stub: SearchDocument = composeDocument(ID, undefined, stockFacts(0, 7));
    expect(updateFromDocument(stub)).toEqual({ product: undefined, stock: { inStock: false, version: 7 } });
  });
});
