import { DEMO_FX_RATES, type ProductSeed } from './catalog-generator';
import type { CategorySeed } from './catalog-vocabulary';
import type { AdminSession } from './admin-session';
import type { SeedConfig } from './seed-config';
import { expectStatus, HttpError, send, sleep } from './seed-http';

interface CategoryNode {
  id: string;
  slug: string;
  children: CategoryNode[];
}

const flatten = (nodes: CategoryNode[]): CategoryNode[] =>
  nodes.flatMap((node) => [node, ...flatten(node.children)]);

export interface Summary {
  fx: string;
  categories: { created: number; existing: number };
  products: { created: number; existing: number; failed: number };
  stock: { set: number; kept: number; failed: number };
  failures: string[];
}

/** Each step of seeding, counting what it created, found and failed to do. */
export class CatalogSeeder {
  readonly summary: Summary = {
    fx: '',
    categories: { created: 0, existing: 0 },
    products: { created: 0, existing: 0, failed: 0 },
    stock: { set: 0, kept: 0, failed: 0 },
    failures: [],
  };

  constructor(
    private readonly config: SeedConfig,
    private readonly session: AdminSession,
  ) {}

  /** Demo rates only when the shop has none: an admin's own rates are never overwritten. */
  async ensureFxRates(): Promise<void> {
    const current = await expectStatus<{ base: string; rates: Record<string, string> }>(
      'GET',
      `${this.config.productUrl}/api/products/fx-rates`,
      [200],
    );
    if (current.body.base !== 'EUR') {
      throw new Error(
        `the demo catalog is priced in EUR, but product-service's BASE_CURRENCY is ${current.body.base}`,
      );
    }
    if (Object.keys(current.body.rates).length > 0) {
      this.summary.fx = `kept the shop's ${Object.keys(current.body.rates).length} rates`;
      return;
    }
    const answer = await this.session.send('PUT', `${this.config.productUrl}/api/products/fx-rates`, {
      base: 'EUR',
      rates: DEMO_FX_RATES,
    });
    if (answer.status !== 200)
      throw new HttpError('PUT', '/api/products/fx-rates', answer.status, answer.body);
    this.summary.fx = `set ${Object.keys(DEMO_FX_RATES).length} demo rates from EUR`;
  }

  /** Slug -> id for every demo category, creating the missing ones parents first. */
  async ensureCategories(categories: readonly CategorySeed[]): Promise<Map<string, string>> {
    const load = async () => {
      const tree = await expectStatus<CategoryNode[]>(
        'GET',
        `${this.config.productUrl}/api/categories`,
        [200],
      );
      return new Map(flatten(tree.body).map((node) => [node.slug, node.id]));
    };
    let ids = await load();
    for (const category of categories) {
      if (ids.has(category.slug)) {
        this.summary.categories.existing++;
        continue;
      }
      const parentId = category.parentSlug ? ids.get(category.parentSlug) : undefined;
      const answer = await this.session.send<{ id: string }>(
        'POST',
        `${this.config.productUrl}/api/categories`,
        {
          name: category.name,
          slug: category.slug,
          ...(parentId ? { parentId } : {}),
        },
      );
      if (answer.status === 201) {
        ids.set(category.slug, answer.body.id);
        this.summary.categories.created++;
      } else if (answer.status === 409) {
        // Created by a concurrent run meanwhile.
        ids = await load();
        this.summary.categories.existing++;
      } else {
        throw new HttpError('POST', '/api/categories', answer.status, answer.body);
      }
    }
    return ids;
  }

  /** lower(SKU) -> id of every active product, from the public list. */
  async existingProducts(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let page = 1; ; page++) {
      const answer = await expectStatus<{ items: { id: string; sku: string }[]; total: number }>(
        'GET',
        `${this.config.productUrl}/api/products?page=${page}&limit=100`,
        [200],
      );
      for (const item of answer.body.items) found.set(item.sku.toLowerCase(), item.id);
      if (answer.body.items.length < 100) return found;
    }
  }

  /** The seed warehouse's id, created when missing; null when inventory-service cannot be reached. */
  async ensureWarehouse(): Promise<string | null> {
    const { inventoryUrl, warehouse } = this.config;
    const find = async () => {
      const answer = await this.session.send<
        { items?: { id: string; code: string }[] } | { id: string; code: string }[]
      >('GET', `${inventoryUrl}/api/inventory/warehouses?limit=100`);
      if (answer.status !== 200)
        throw new HttpError('GET', '/api/inventory/warehouses', answer.status, answer.body);
      const list = Array.isArray(answer.body) ? answer.body : (answer.body.items ?? []);
      return list.find((item) => item.code.toUpperCase() === warehouse.code.toUpperCase())?.id;
    };
    try {
      const existing = await find();
      if (existing) return existing;
      const created = await this.session.send<{ id: string }>(
        'POST',
        `${inventoryUrl}/api/inventory/warehouses`,
        warehouse,
      );
      if (created.status === 201 || created.status === 200) return created.body.id;
      if (created.status === 409) return (await find()) ?? null;
      throw new HttpError('POST', '/api/inventory/warehouses', created.status, created.body);
    } catch (error) {
      this.summary.failures.push(`warehouse: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  async seedProduct(
    product: ProductSeed,
    categoryIds: Map<string, string>,
    existing: Map<string, string>,
    warehouseId: string | null,
  ): Promise<void> {
    let productId = existing.get(product.sku.toLowerCase());
    let isNew = false;
    try {
      if (productId) {
        this.summary.products.existing++;
      } else {
        const { categorySlug, onHand: _onHand, ...fields } = product;
        const answer = await this.session.send<{ id: string }>(
          'POST',
          `${this.config.productUrl}/api/products`,
          { ...fields, categoryId: categoryIds.get(categorySlug) ?? null },
        );
        if (answer.status === 409) {
          // Taken by a deleted product or a concurrent run: leave it as it is.
          this.summary.products.existing++;
          return;
        }
        if (answer.status !== 201) throw new HttpError('POST', '/api/products', answer.status, answer.body);
        productId = answer.body.id;
        isNew = true;
        this.summary.products.created++;
      }
    } catch (error) {
      this.summary.products.failed++;
      this.summary.failures.push(
        `product ${product.sku}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    if (!warehouseId) return;
    try {
      const outcome = await this.setStock(productId, warehouseId, product.onHand, !isNew);
      this.summary.stock[outcome]++;
    } catch (error) {
      this.summary.stock.failed++;
      this.summary.failures.push(
        `stock of ${product.sku}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * inventory-service creates a product's stock record when it consumes product.created, so a PUT
   * right after creation may answer 404 for a moment: retried until SEED_STOCK_WAIT_MS. A product
   * from an earlier run gets stock only if it has none in the seed warehouse yet (an interrupted run
   * is completed; stock an admin or orders changed is left alone).
   */
  private async setStock(
    productId: string,
    warehouseId: string,
    onHand: number,
    onlyIfMissing: boolean,
  ): Promise<'set' | 'kept'> {
    const { inventoryUrl, stockWaitMs } = this.config;
    const deadline = Date.now() + stockWaitMs;
    for (let attempt = 1; ; attempt++) {
      if (onlyIfMissing) {
        const current = await send<{ warehouses?: { warehouseId: string }[] }>(
          'GET',
          `${inventoryUrl}/api/inventory/${productId}`,
        );
        if (current.status === 200 && current.body.warehouses?.some((row) => row.warehouseId === warehouseId))
          return 'kept';
      }
      const answer = await this.session.send(
        'PUT',
        `${inventoryUrl}/api/inventory/${productId}/warehouses/${warehouseId}`,
        { onHand },
      );
      if (answer.status === 200) return 'set';
      if (answer.status !== 404 || Date.now() > deadline)
        throw new HttpError(
          'PUT',
          `/api/inventory/${productId}/warehouses/${warehouseId}`,
          answer.status,
          answer.body,
        );
      await sleep(Math.min(2_000, 150 * attempt));
    }
  }
}
