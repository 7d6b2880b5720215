import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { CatalogService } from './catalog/catalog.service';
import { INVENTORY_CONFIG, SERVICE_NAME, type InventoryConfig } from './config';
import { InventoryConsumers } from './consumers';
import { INVENTORY_MIGRATIONS } from './migrations';
import { ExpirySweeper } from './reservations/expiry-sweeper';
import { ReserveStockUseCase } from './reservations/reserve-stock';
import { SettleReservationUseCase } from './reservations/settle-reservation';
import { StockChanges } from './stock/stock-changes';
import { StockController } from './stock/stock.controller';
import { StockService } from './stock/stock.service';
import { WarehouseEntity } from './warehouses/warehouse.entity';
import { WarehousesController } from './warehouses/warehouses.controller';
import { WarehousesService } from './warehouses/warehouses.service';

export function createAppModule(config: InventoryConfig) {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [WarehouseEntity, ...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, ...INVENTORY_MIGRATIONS],
      }),
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        relay: config.OUTBOX_RELAY_ENABLED,
      }),
      AuthModule.forRoot({ useFactory: () => verifierOptionsFromEnv(config) }),
      HealthModule.forRoot({
        inject: [Database, KafkaHealth],
        checks: (db: Database, kafka: KafkaHealth) => [
          { name: 'postgres', check: () => db.manager.query('SELECT 1') },
          // Writes go through the outbox, which waits for Kafka; consumers stuck show under `degraded`.
          {
            name: 'kafka',
            critical: false,
            check: async () => {
              if (!(await kafka.isHealthy())) throw new Error('Kafka brokers do not answer');
            },
          },
        ],
      }),
    ],
    // WarehousesController first: `/api/inventory/warehouses` must not be taken for a product id.
    controllers: [WarehousesController, StockController, MetricsController],
    providers: [
      { provide: INVENTORY_CONFIG, useValue: config },
      WarehousesService,
      StockChanges,
      StockService,
      CatalogService,
      ReserveStockUseCase,
      SettleReservationUseCase,
      ExpirySweeper,
      InventoryConsumers,
    ],
  })
  class AppModule {}
  return AppModule;
}
