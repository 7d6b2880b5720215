import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';
import { ProductSource } from '../upstream/product-source';
import { flattenCategories } from './category-tree';

// While product-service is away, a search for an unknown category waits for it at most this often.
const MISS_RETRY_MS = 10_000;

export interface CategoryNames {
  names: ReadonlyMap<string, string>;
  /**
   * Every asked id has a name, or product-service was asked and does not know the others (a category
   * deleted meanwhile): either way a later call would not know more.
   */
  complete: boolean;
}

/**
 * Category names for the facets. Product events carry only `categoryId`, so names come from
 * product-service's `GET /api/categories`, kept in memory: refreshed in the background once stale,
 * and fetched at once (with the upstream timeout) when a search meets an id it has never seen.
 */
@Injectable()
export class CategoryDirectory {
  private readonly logger = createLogger(SERVICE_NAME);
  private names = new Map<string, string>();
  private loadedAt = 0;
  private lastAttemptAt = 0;
  private inflight?: Promise<void>;

  constructor(
    private readonly products: ProductSource,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  async namesFor(ids: string[]): Promise<CategoryNames> {
    if (ids.length === 0) return { names: this.names, complete: true };
    const now = Date.now();
    const mayRetry = now - this.lastAttemptAt >= MISS_RETRY_MS;
    const stale = now - this.loadedAt >= this.config.CATEGORY_CACHE_TTL_SECONDS * 1_000;
    if (mayRetry && ids.some((id) => !this.names.has(id))) await this.refresh();
    else if (mayRetry && stale) void this.refresh();
    const named = ids.every((id) => this.names.has(id));
    return { names: this.names, complete: named || this.lastLoadSucceeded() };
  }

  private lastLoadSucceeded(): boolean {
    return this.loadedAt > 0 && this.loadedAt >= this.lastAttemptAt;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    this.lastAttemptAt = Date.now();
    try {
      const names = flattenCategories(await this.products.categories());
      this.names = names;
      this.loadedAt = Date.now();
    } catch (error) {
      // Keep serving the names we have; facets show `name: null` only for ids never seen.
      this.logger.warn({ err: error }, 'could not load category names from product-service');
    }
  }
}
