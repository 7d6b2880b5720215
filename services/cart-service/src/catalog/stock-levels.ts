import { UpstreamError, type UpstreamClient } from '@ecommerce/http';
import type { KnownStock, LastKnownStore } from './last-known.store';
import { availableFrom } from './product-shape';

/** How many units inventory-service says can still be bought, or the last known count. */
export type StockLookup =
  { status: 'found'; available: number } | { status: 'unavailable'; lastKnown: KnownStock | null };

/** Availability from inventory-service, remembered for when it is down. */
export class StockLevels {
  constructor(
    private readonly client: UpstreamClient,
    private readonly lastKnown: LastKnownStore,
  ) {}

  async lookup(productId: string): Promise<StockLookup> {
    try {
      const answer = await this.client.lookup(
        `/api/inventory/${encodeURIComponent(productId)}`,
        availableFrom,
      );
      // No stock record yet (a product just created, or an id someone made up) means nothing can be
      // bought. Only real records are remembered: a made-up id must not leave a key behind.
      if (!answer.found) {
        await this.lastKnown.forgetStock(productId);
        return { status: 'found', available: 0 };
      }
      await this.lastKnown.rememberStock(productId, answer.value, new Date());
      return { status: 'found', available: answer.value };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return { status: 'unavailable', lastKnown: await this.lastKnown.stock(productId) };
    }
  }
}
