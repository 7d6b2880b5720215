import {
  stockFacts,
  updateFromDocument,
  type SearchDocument,
  type StockFacts,
} from '../catalog-index/product-document';
import type { StockSource } from '../upstream/stock-source';

// After this many failed calls in a row inventory-service is taken as down for the rest of the rebuild,
// rather than waiting out a timeout for every product.
const FAILURES_BEFORE_GIVING_UP = 3;

/**
 * A stock value read now is only as new as the inventory transaction it saw; an event stamped a
 * little earlier may describe a later commit. Dating the read back this far lets such events win.
 */
export const READ_CLOCK_MARGIN_MS = 5_000;

export type StockOrigin = 'inventory' | 'previous-index' | 'unknown';

/**
 * The stock of each product for a rebuild: asked from inventory-service; when it cannot say (down,
 * or no record), the old index's value is kept with its version, so live events still order against it.
 */
export class StockLookup {
  private failuresInARow = 0;

  constructor(private readonly source: StockSource) {}

  async stockOf(
    productId: string,
    previous: SearchDocument | undefined,
  ): Promise<{ stock?: StockFacts; origin: StockOrigin }> {
    if (this.failuresInARow < FAILURES_BEFORE_GIVING_UP) {
      const readAt = Date.now() - READ_CLOCK_MARGIN_MS;
      try {
        const available = await this.source.available(productId);
        this.failuresInARow = 0;
        if (available !== undefined) return { stock: stockFacts(available, readAt), origin: 'inventory' };
      } catch {
        this.failuresInARow += 1;
      }
    }
    const kept = previous && updateFromDocument(previous).stock;
    return kept ? { stock: kept, origin: 'previous-index' } : { origin: 'unknown' };
  }
}
