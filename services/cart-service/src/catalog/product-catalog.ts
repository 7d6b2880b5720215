import { UpstreamError, type UpstreamClient } from '@ecommerce/http';
import type { KnownProduct, LastKnownStore } from './last-known.store';
import { productFactsFrom } from './product-shape';

/** What product-service says about a product, or what was last known when it cannot say. */
export type ProductLookup =
  | { status: 'found'; product: KnownProduct }
  | { status: 'not_found'; lastKnown: KnownProduct | null }
  | { status: 'unavailable'; lastKnown: KnownProduct | null };

/** Current names and prices from product-service, remembered for when it is down. */
export class ProductCatalog {
  constructor(
    private readonly client: UpstreamClient,
    private readonly lastKnown: LastKnownStore,
    private readonly currency: string,
  ) {}

  async lookup(productId: string): Promise<ProductLookup> {
    try {
      const answer = await this.client.lookup(`/api/products/${encodeURIComponent(productId)}`, (body) =>
        productFactsFrom(body, this.currency),
      );
      if (!answer.found) return { status: 'not_found', lastKnown: await this.lastKnown.product(productId) };
      const asOf = new Date();
      await this.lastKnown.rememberProduct(answer.value, asOf);
      return { status: 'found', product: { ...answer.value, asOf: asOf.toISOString() } };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return { status: 'unavailable', lastKnown: await this.lastKnown.product(productId) };
    }
  }
}
