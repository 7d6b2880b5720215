import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { Database } from '@ecommerce/database';
import { EventConsumers } from '@ecommerce/messaging';
import { CatalogService } from './catalog/catalog.service';
import { INVENTORY_CONFIG, type InventoryConfig } from './config';
import { lockProductsOfBatch } from './reservations/batch-locks';
import { ReserveStockUseCase } from './reservations/reserve-stock';
import { SettleReservationUseCase } from './reservations/settle-reservation';

/**
 * The Kafka entry points: order-service's commands and the catalog's product events. One group for
 * both topics, named after the service, so replicas share the partitions. Handlers only translate;
 * the use cases decide.
 */
@Injectable()
export class InventoryConsumers implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly consumers: EventConsumers,
    private readonly reserve: ReserveStockUseCase,
    private readonly settle: SettleReservationUseCase,
    private readonly catalog: CatalogService,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.inventoryCommands, Topics.productEvents],
      database: this.db,
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENCY,
      // Up to 100 commands per transaction: every product the batch touches locked first, sorted;
      // reserves set-based, settlements one after the other in the same transaction. A batch that
      // fails (a deadlock with the expiry sweeper, a bad command) is applied again one command per
      // transaction.
      batchSize: this.config.INVENTORY_COMMAND_BATCH_SIZE,
      batchHandlers: {
        'inventory.reserve': (events, tx) => this.reserve.executeBatch(tx, events),
      },
      beforeBatch: (events, tx) => lockProductsOfBatch(tx, events),
      handlers: {
        'inventory.reserve': async (event, tx) => {
          await this.reserve.execute(tx, event.data);
        },
        'inventory.release': async (event, tx) => {
          await this.settle.release(tx, event.data);
        },
        'inventory.commit': async (event, tx) => {
          await this.settle.commit(tx, event.data);
        },
        'product.created': (event, tx) => this.catalog.created(tx, event),
        'product.updated': (event, tx) => this.catalog.updated(tx, event),
        'product.deleted': (event, tx) => this.catalog.deleted(tx, event),
      },
    });
  }
}
