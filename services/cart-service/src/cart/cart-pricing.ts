import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { mapConcurrent } from '../common/map-concurrent';
import { ProductCatalog, type ProductLookup } from '../catalog/product-catalog';
import { StockLevels, type StockLookup } from '../catalog/stock-levels';
import { staleAnswers } from '../catalog/upstream.metrics';
import { CART_SERVICE_CONFIG, SERVICE_NAME, type CartServiceConfig } from '../config';
import type { CartLine } from './cart-lines';
import { CartErrors } from './cart.errors';
import type { PricedLine } from './cart-view';

/** Lookups already made for some products in this request, so they are not asked twice. */
export type KnownLookups = Map<string, { product: ProductLookup; stock: StockLookup }>;

// A cart page asks both upstreams once per line; this bounds the burst one big cart can cause.
const LOOKUP_CONCURRENCY = 8;

/**
 * Prices every line with current data, falling back line by line to the last known price and stock
 * when an upstream cannot answer. Only a line whose price was never known fails the whole answer.
 */
@Injectable()
export class CartPricing {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly products: ProductCatalog,
    private readonly stock: StockLevels,
    @Inject(CART_SERVICE_CONFIG) private readonly config: CartServiceConfig,
  ) {}

  async lookup(productId: string): Promise<{ product: ProductLookup; stock: StockLookup }> {
    const [product, stock] = await Promise.all([
      this.products.lookup(productId),
      this.stock.lookup(productId),
    ]);
    return { product, stock };
  }

  async price(lines: readonly CartLine[], known: KnownLookups = new Map()): Promise<PricedLine[]> {
    const priced = await mapConcurrent(lines, LOOKUP_CONCURRENCY, async (line) => {
      const lookups = known.get(line.productId) ?? (await this.lookup(line.productId));
      return this.priceLine(line, lookups.product, lookups.stock);
    });
    return priced.filter((line): line is PricedLine => line !== null);
  }

  private priceLine(line: CartLine, product: ProductLookup, stock: StockLookup): PricedLine | null {
    const availability =
      stock.status === 'found'
        ? { available: stock.available, availabilityStale: false }
        : { available: stock.lastKnown?.available ?? null, availabilityStale: true };
    if (stock.status === 'unavailable') staleAnswers.inc({ data: 'availability' });

    switch (product.status) {
      case 'found':
        return { line, product: product.product, priceStale: false, exists: true, ...availability };
      case 'not_found':
        if (!this.usable(product.lastKnown)) {
          this.logger.warn(
            { productId: line.productId },
            'cart line for a product that no longer exists and was never priced: not shown',
          );
          return null;
        }
        return { line, product: product.lastKnown, priceStale: true, exists: false, ...availability };
      case 'unavailable':
        if (!this.usable(product.lastKnown)) throw CartErrors.catalogUnavailable();
        staleAnswers.inc({ data: 'price' });
        return { line, product: product.lastKnown, priceStale: true, exists: true, ...availability };
    }
  }

  /** A remembered price in another currency (BASE_CURRENCY changed since) cannot be shown. */
  private usable<T extends { price: { currency: string } }>(known: T | null): known is T {
    return known !== null && known.price.currency === this.config.BASE_CURRENCY;
  }
}
