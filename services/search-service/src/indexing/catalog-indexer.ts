import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, TypedEnvelope } from '@ecommerce/contracts';
import { describeError, NonRetryableError } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { CatalogVersion } from '../catalog-index/catalog-version';
import { DocumentStore, type WriteOutcome } from '../catalog-index/document-store';
import {
  deletionFacts,
  productFacts,
  stockFacts,
  type DocumentUpdate,
} from '../catalog-index/product-document';
import { RebuildTarget } from '../catalog-index/rebuild-target';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';
import { isIndexMissing, isRefusedForGood } from '../elasticsearch/elasticsearch.errors';
import { indexUpdates } from './indexing.metrics';

const OUTCOME_STRENGTH: Record<WriteOutcome, number> = { unchanged: 0, 'versions-only': 1, written: 2 };

/** The outcome of writing to two indices: the one that asks the most of the query cache. */
const strongest = (a: WriteOutcome, b: WriteOutcome): WriteOutcome =>
  OUTCOME_STRENGTH[a] >= OUTCOME_STRENGTH[b] ? a : b;

/**
 * Keeps the index in step with the catalog events. There is no database here, so idempotence comes
 * from versions in the documents: product data is versioned by the product's `updatedAt` (or the
 * deletion time), stock by the stock event's `occurredAt`, and older data never replaces newer.
 */
@Injectable()
export class CatalogIndexer {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly store: DocumentStore,
    private readonly rebuild: RebuildTarget,
    private readonly version: CatalogVersion,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  async productChanged(
    event: TypedEnvelope<'product.created'> | TypedEnvelope<'product.updated'>,
  ): Promise<void> {
    const facts = productFacts(event.data, this.config.BASE_CURRENCY);
    if (facts.kind === 'live' && facts.priceAmount === null) {
      this.logger.warn(
        { productId: event.data.id, currency: event.data.price.currency },
        `product has no ${this.config.BASE_CURRENCY} price; left out of price filters`,
      );
    }
    await this.apply(event, event.data.id, { product: facts });
  }

  async productDeleted(event: TypedEnvelope<'product.deleted'>): Promise<void> {
    await this.apply(event, event.data.productId, { product: deletionFacts(event.occurredAt) });
  }

  async stockChanged(event: TypedEnvelope<'inventory.stock-changed'>): Promise<void> {
    // A stock change for a product not indexed yet is kept as a stub; the product data merges in later.
    await this.apply(event, event.data.productId, {
      stock: stockFacts(event.data.available, Date.parse(event.occurredAt)),
    });
  }

  private async apply(event: EventEnvelope, productId: string, update: DocumentUpdate): Promise<void> {
    let outcome: WriteOutcome;
    try {
      outcome = await this.write(productId, update);
    } catch (error) {
      // The consumer retries for minutes to ride out an outage; a document Elasticsearch rejects
      // would only hold up its partition that long, so it goes to the DLQ at once instead.
      if (isRefusedForGood(error))
        throw new NonRetryableError(
          `Elasticsearch refused ${event.type} of ${productId}: ${describeError(error)}`,
          { cause: error },
        );
      throw error;
    }
    indexUpdates.inc({ type: event.type, outcome });
    // A change no search can see retires no answer: under a sale, most stock changes leave a
    // product in stock, and bumping for each would keep the query cache empty.
    if (outcome === 'versions-only') return this.logApplied(event, productId, outcome);
    // Also when nothing was written. An attempt that wrote but could not bump the version (Redis
    // away) fails and is tried again, here or, after a crash, on another replica; that attempt finds
    // the change already written, and without this bump the answers cached before the change would
    // be served until they expire. Telling such a retry from a replayed or stale event would need a
    // record that outlives the replica. One more Redis call for an event that changed nothing (rare:
    // redeliveries and out-of-order events) is cheaper; it only retires the cached answers once more.
    await this.version.changed();
    this.logApplied(event, productId, outcome);
  }

  private logApplied(event: EventEnvelope, productId: string, outcome: WriteOutcome): void {
    this.logger.debug(
      {
        eventId: event.id,
        type: event.type,
        productId,
        outcome,
        lagMs: Date.now() - Date.parse(event.occurredAt),
      },
      'catalog event applied',
    );
  }

  /**
   * Writes to the live index and, while a rebuild runs, to the index being built too, so the swap
   * loses nothing; true if either changed.
   */
  private async write(productId: string, update: DocumentUpdate): Promise<WriteOutcome> {
    // Asked before writing to the alias: were it asked after, a swap in between could leave the change
    // in the old index only.
    const rebuilding = await this.rebuild.current();
    const live = await this.store.apply(this.config.SEARCH_INDEX_ALIAS, productId, update);
    if (!rebuilding) return live;
    try {
      return strongest(live, await this.store.apply(rebuilding, productId, update));
    } catch (error) {
      // The rebuild failed and dropped its index since we looked: nothing left to keep in step.
      if (!isIndexMissing(error)) throw error;
      return live;
    }
  }
}
