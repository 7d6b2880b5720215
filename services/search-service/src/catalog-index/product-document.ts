import type { Money, ProductSnapshot } from '@ecommerce/contracts';

/**
 * `live`: a product to show. `deleted`: a tombstone that keeps the deletion's version, so a late
 * `product.updated` cannot bring the product back. `pending`: only stock is known so far (the stock
 * event overtook the product event); the product data merges in when it arrives.
 */
export type DocumentStatus = 'live' | 'deleted' | 'pending';

/** The `_source` of one document in the product index. */
export interface SearchDocument {
  id: string;
  status: DocumentStatus;
  name: string | null;
  description: string | null;
  sku: string | null;
  categoryId: string | null;
  price: Money | null;
  priceAmount: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** `updatedAt` (or the deletion time) in epoch ms of the product data held; null when none is. */
  productVersion: number | null;
  inStock: boolean;
  /** When the stock value held was true, in epoch ms; null when no stock value is known. */
  stockVersion: number | null;
}

export type ProductFacts =
  | {
      kind: 'live';
      version: number;
      name: string;
      description: string;
      sku: string;
      categoryId: string | null;
      price: Money;
      /** Null when the product has no price in the base currency: it is then left out of price filters. */
      priceAmount: number | null;
      createdAt: string;
      updatedAt: string;
    }
  | { kind: 'deleted'; version: number };

export interface StockFacts {
  inStock: boolean;
  version: number;
}

/**
 * What one event or source record says about a product. Product data and stock come from different
 * topics with unrelated orderings, so each part carries its own version and is merged on its own.
 */
export interface DocumentUpdate {
  product?: ProductFacts;
  stock?: StockFacts;
}

/** The price in the base currency: the main price if it is in it, else the explicit price in it. */
export function basePrice(
  snapshot: Pick<ProductSnapshot, 'price' | 'prices'>,
  baseCurrency: string,
): Money | undefined {
  if (snapshot.price.currency === baseCurrency) return snapshot.price;
  return snapshot.prices.find((price) => price.currency === baseCurrency);
}

const epochMs = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return ms;
};

/**
 * A product as product-service sends it; an inactive (soft-deleted) product is a deletion. A product
 * without a price in the base currency keeps its own price for display but stays out of price
 * filters, sorts and facets, where amounts in different currencies cannot be compared.
 */
export function productFacts(snapshot: ProductSnapshot, baseCurrency: string): ProductFacts {
  const version = epochMs(snapshot.updatedAt);
  if (!snapshot.active) return { kind: 'deleted', version };
  const price = basePrice(snapshot, baseCurrency);
  return {
    kind: 'live',
    version,
    name: snapshot.name,
    description: snapshot.description,
    sku: snapshot.sku,
    categoryId: snapshot.categoryId,
    price: price
      ? { amount: price.amount, currency: price.currency }
      : { amount: snapshot.price.amount, currency: snapshot.price.currency },
    priceAmount: price?.amount ?? null,
    createdAt: snapshot.createdAt,
    updatedAt: snapshot.updatedAt,
  };
}

export const deletionFacts = (deletedAt: string): ProductFacts => ({
  kind: 'deleted',
  version: epochMs(deletedAt),
});

export const stockFacts = (available: number, version: number): StockFacts => ({
  inStock: available > 0,
  version,
});

function productFactsOf(doc: SearchDocument): ProductFacts | undefined {
  if (doc.productVersion === null) return undefined;
  if (doc.status !== 'live') return { kind: 'deleted', version: doc.productVersion };
  return {
    kind: 'live',
    version: doc.productVersion,
    name: doc.name ?? '',
    description: doc.description ?? '',
    sku: doc.sku ?? '',
    categoryId: doc.categoryId,
    price: doc.price ?? { amount: 0, currency: '' },
    priceAmount: doc.priceAmount,
    createdAt: doc.createdAt ?? '',
    updatedAt: doc.updatedAt ?? '',
  };
}

const stockFactsOf = (doc: SearchDocument): StockFacts | undefined =>
  doc.stockVersion === null ? undefined : { inStock: doc.inStock, version: doc.stockVersion };

/**
 * The newer product data wins. On a tie the tombstone wins (a deletion and an update in the same
 * millisecond must not resurrect the product); otherwise the incoming one, which Kafka delivered later.
 */
export function newerProduct(
  current: ProductFacts | undefined,
  incoming: ProductFacts | undefined,
): ProductFacts | undefined {
  if (!incoming) return current;
  if (!current || incoming.version > current.version) return incoming;
  if (incoming.version < current.version || current.kind === 'deleted') return current;
  return incoming;
}

/** The newer stock wins; on a tie the incoming one, since Kafka keeps a product's events in order. */
export function newerStock(
  current: StockFacts | undefined,
  incoming: StockFacts | undefined,
): StockFacts | undefined {
  if (!incoming) return current;
  if (!current || incoming.version >= current.version) return incoming;
  return current;
}

export function composeDocument(
  id: string,
  product: ProductFacts | undefined,
  stock: StockFacts | undefined,
): SearchDocument {
  const live = product?.kind === 'live' ? product : undefined;
  return {
    id,
    status: product ? product.kind : 'pending',
    name: live?.name ?? null,
    description: live?.description ?? null,
    sku: live?.sku ?? null,
    categoryId: live?.categoryId ?? null,
    price: live ? live.price : null,
    priceAmount: live?.priceAmount ?? null,
    createdAt: live?.createdAt ?? null,
    updatedAt: live?.updatedAt ?? null,
    productVersion: product?.version ?? null,
    inStock: stock?.inStock ?? false,
    stockVersion: stock?.version ?? null,
  };
}

const FIELDS: (keyof SearchDocument)[] = [
  'id',
  'status',
  'name',
  'description',
  'sku',
  'categoryId',
  'priceAmount',
  'createdAt',
  'updatedAt',
  'productVersion',
  'inStock',
  'stockVersion',
];

/** The fields that only order updates, so no search answer depends on them. */
const VERSION_FIELDS: ReadonlySet<keyof SearchDocument> = new Set(['productVersion', 'stockVersion']);
const SEARCHABLE_FIELDS = FIELDS.filter((field) => !VERSION_FIELDS.has(field));

const sameFields = (a: SearchDocument, b: SearchDocument, fields: readonly (keyof SearchDocument)[]) =>
  fields.every((field) => a[field] === b[field]) &&
  a.price?.currency === b.price?.currency &&
  a.price?.amount === b.price?.amount;

export const sameDocument = (a: SearchDocument, b: SearchDocument): boolean => sameFields(a, b, FIELDS);

/** Equal for every search: they differ at most in their versions. */
export const sameSearchableContent = (a: SearchDocument, b: SearchDocument): boolean =>
  sameFields(a, b, SEARCHABLE_FIELDS);

/**
 * Applies an update to what the index holds, part by part, keeping whichever data is newer.
 * Returns null when nothing changes (a replayed or stale event), so nothing is written.
 */
export function mergeDocument(
  id: string,
  current: SearchDocument | undefined,
  update: DocumentUpdate,
): SearchDocument | null {
  const product = newerProduct(current && productFactsOf(current), update.product);
  const stock = newerStock(current && stockFactsOf(current), update.stock);
  const next = composeDocument(id, product, stock);
  return current && sameDocument(current, next) ? null : next;
}

/** What a document from an older index contributes to a rebuilt one (its versions travel with it). */
export function updateFromDocument(doc: SearchDocument): DocumentUpdate {
  return { product: productFactsOf(doc), stock: stockFactsOf(doc) };
}
