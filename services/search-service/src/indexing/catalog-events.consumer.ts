import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { EventConsumers } from '@ecommerce/messaging';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { CatalogIndexer } from './catalog-indexer';

/** The Kafka entry point: product and stock events, each handed to the indexer as is. */
@Injectable()
export class CatalogEventsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly indexer: CatalogIndexer,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEARCH_INDEXER_ENABLED) return;
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.productEvents, Topics.inventoryEvents],
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENTLY,
      // No `database`: the index itself makes replays harmless (see CatalogIndexer).
      handlers: {
        'product.created': (event) => this.indexer.productChanged(event),
        'product.updated': (event) => this.indexer.productChanged(event),
        'product.deleted': (event) => this.indexer.productDeleted(event),
        'inventory.stock-changed': (event) => this.indexer.stockChanged(event),
      },
    });
  }
}
