import { ProductEvents, type ProductSnapshot } from '@ecommerce/contracts';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { UpstreamClient } from '@ecommerce/http';

export interface ProductPage {
  items: ProductSnapshot[];
  /** Items that did not match the product contract; skipped and counted, never indexed half-formed. */
  rejected: number;
  total: number;
}

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv);
// The list returns "the product as the API returns it", the same contract the product events carry.
const isProduct = ajv.compile<ProductSnapshot>(ProductEvents.updated.schema);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** product-service's public REST API: the catalog's source of truth for a rebuild, and category names. */
export class ProductSource {
  constructor(
    private readonly client: UpstreamClient,
    private readonly baseCurrency: string,
  ) {}

  /** One page of `GET /api/products` (`{items, page, limit, total}`), prices asked in the base currency. */
  page(page: number, limit: number): Promise<ProductPage> {
    const path = `/api/products?page=${page}&limit=${limit}&currency=${this.baseCurrency}`;
    return this.client.get(path, (body) => {
      if (!isObject(body) || !Array.isArray(body.items) || typeof body.total !== 'number') {
        throw new Error('not a page ({items, page, limit, total})');
      }
      const items = body.items.filter((item): item is ProductSnapshot => isProduct(item));
      return { items, rejected: body.items.length - items.length, total: body.total };
    });
  }

  /** `GET /api/products/:id`; undefined when product-service does not know it (any more). */
  async product(id: string): Promise<ProductSnapshot | undefined> {
    const path = `/api/products/${encodeURIComponent(id)}?currency=${this.baseCurrency}`;
    const answer = await this.client.lookup(path, (body) => {
      if (!isProduct(body)) throw new Error('not a product');
      return body;
    });
    return answer.found ? answer.value : undefined;
  }

  /** `GET /api/categories`: the category tree. */
  categories(): Promise<unknown> {
    return this.client.get('/api/categories', (body) => body);
  }
}
