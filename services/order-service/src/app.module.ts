import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { CheckoutSources } from './checkout/checkout-sources';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from './config';
import { ORDER_MIGRATIONS } from './migrations';
import { OrderConsumers } from './orders/order-consumers';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { PlaceOrder } from './orders/place-order';
import { CheckoutAdmission } from './orders/checkout-admission';
import { SagaRunner } from './orders/saga-runner';
import { TimeoutSweeper } from './orders/timeout-sweeper';
import { FxRates } from './pricing/fx-rates';
import { ProductPrices } from './pricing/product-prices';
import { OrderStreamController } from './stream/order-stream.controller';
import { StatusListener } from './stream/status-listener';

export function createAppModule(config: OrderConfig) {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, ...ORDER_MIGRATIONS],
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
          // Writes go through the outbox, which waits for Kafka; stuck consumers show under `degraded`.
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
    // The stream controller first: `/:id/stream` is a literal suffix, the order routes take `:id` alone.
    controllers: [OrderStreamController, OrdersController, MetricsController],
    providers: [
      { provide: ORDER_CONFIG, useValue: config },
      FxRates,
      ProductPrices,
      CheckoutSources,
      SagaRunner,
      PlaceOrder,
      CheckoutAdmission,
      OrdersService,
      OrderConsumers,
      TimeoutSweeper,
      StatusListener,
    ],
  })
  class AppModule {}
  return AppModule;
}
