import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { EventConsumers, type BackoffPolicy } from '@ecommerce/messaging';
import { CategoryUpdates } from '../categories/category-updates';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { CatalogIndexer } from './catalog-indexer';

/**
 * How long a failing event is retried before it is parked on `<topic>.dlq`. The handlers fail only
 * when Elasticsearch or Redis is away, and a parked event is missing from the index until someone
 * replays it or reindexes, so they wait out an outage of a couple of minutes (a node restart, a
 * failover) instead of the messaging default of 5 attempts (about 3 s). The waits double from 200 ms
 * up to a cap of 10 s, so the index catches up at most 10 s after the outage ends; the 29 waits add
 * up to between 121 s and 243 s (half of each wait is random). Meanwhile the events behind it on its
 * partition wait as well; they would fail the same way.
 */
export const INDEXING_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 10_000 };
export const INDEXING_MAX_ATTEMPTS = 30;

/** The Kafka entry point: product and stock events to the indexer, category events to the facet names. */
@Injectable()
export class CatalogEventsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly indexer: CatalogIndexer,
    private readonly categories: CategoryUpdates,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEARCH_INDEXER_ENABLED) return;
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.productEvents, Topics.inventoryEvents],
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENCY,
      maxAttempts: INDEXING_MAX_ATTEMPTS,
      backoff: INDEXING_BACKOFF,
      // No `database`: the index itself makes replays harmless (see CatalogIndexer).
      handlers: {
        'product.created': (event) => this.indexer.productChanged(event),
        'product.updated': (event) => this.indexer.productChanged(event),
        'product.deleted': (event) => this.indexer.productDeleted(event),
        'inventory.stock-changed': (event) => this.indexer.stockChanged(event),
        'category.created': (event) => this.categories.categoryChanged(event),
        'category.updated': (event) => this.categories.categoryChanged(event),
        'category.deleted': (event) => this.categories.categoryDeleted(event),
      },
    });
  }
}
