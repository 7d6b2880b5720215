import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { offsetOf } from '@ecommerce/http';
import { CatalogCache } from '../cache/catalog-cache';
import { PRODUCT_SERVICE_CONFIG, type ProductServiceConfig } from '../config';
import type { FxTable } from '../pricing/fx-table';
import { FxRatesService } from '../pricing/fx-rates.service';
import { needsFx } from '../pricing/price-selection';
import { toSnapshot, viewIn } from './product-view';
import { ProductsRepository } from './products.repository';
import { ProductErrors } from './products.errors';

/** List pages beyond this one are answered from PostgreSQL without touching the cache. */
export const MAX_CACHED_LIST_PAGE = 10;

export interface ProductListQuery {
  page: number;
  limit: number;
  categoryId?: string;
  currency?: string;
}

/**
 * Public catalog reads, answered as JSON text from the Redis read cache; PostgreSQL only on a miss.
 * A product page depends on the product and the FX rates; a list page on every product and the FX
 * rates (see CatalogCache for how writes invalidate them).
 */
@Injectable()
export class CatalogReadsService {
  private readonly base: string;

  constructor(
    private readonly db: Database,
    private readonly cache: CatalogCache,
    private readonly fx: FxRatesService,
    @Inject(PRODUCT_SERVICE_CONFIG) config: ProductServiceConfig,
  ) {
    this.base = config.BASE_CURRENCY;
  }

  async productJson(id: string, currency = this.base): Promise<string> {
    const { key, versionKeys } = this.productEntry(id, currency);
    const json = await this.cache.getOrLoad('product', key, versionKeys, async () => {
      const product = await ProductsRepository.findActive(this.db.manager, id);
      if (!product) return null;
      return JSON.stringify(viewIn(toSnapshot(product), currency, await this.fxFor(currency)));
    });
    if (json === null) throw ProductErrors.notFound();
    return json;
  }

  /** The product's page when the cache has it, else undefined (see productCachedRead). */
  cachedProductJson(id: string, currency = this.base): Promise<string | undefined> {
    const { key, versionKeys } = this.productEntry(id, currency);
    return this.cache.peek('product', key, versionKeys);
  }

  private productEntry(id: string, currency: string) {
    const { keys } = this.cache;
    return { key: keys.product(id, currency), versionKeys: [keys.productVersion(id), keys.fxVersion()] };
  }

  async listJson(query: ProductListQuery): Promise<string> {
    const { keys } = this.cache;
    const currency = query.currency ?? this.base;
    const load = async (): Promise<string> => {
      const [products, total] = await ProductsRepository.page(this.db.manager, {
        offset: offsetOf(query),
        limit: query.limit,
        categoryId: query.categoryId,
      });
      const fx = await this.fxFor(currency);
      const items = products.map((product) => viewIn(toSnapshot(product), currency, fx));
      return JSON.stringify({ items, page: query.page, limit: query.limit, total });
    };
    // Deep pages are rare and each would be a key of its own: they are read, never cached.
    if (query.page > MAX_CACHED_LIST_PAGE) return load();
    const key = keys.list({ page: query.page, limit: query.limit, categoryId: query.categoryId, currency });
    const json = await this.cache.getOrLoad('list', key, [keys.listVersion(), keys.fxVersion()], load);
    // The loader never answers "not found" for a list; an empty page is a page.
    return json ?? JSON.stringify({ items: [], page: query.page, limit: query.limit, total: 0 });
  }

  private async fxFor(currency: string): Promise<FxTable | undefined> {
    return needsFx(currency, this.base) ? this.fx.table(this.db.manager) : undefined;
  }
}
