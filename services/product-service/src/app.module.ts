import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { REDIS, CacheRedisModule, RedisModule } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CatalogCache } from './cache/catalog-cache';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { CategoryEntity } from './categories/category.entity';
import { PRODUCT_SERVICE_CONFIG, SERVICE_NAME, type ProductServiceConfig } from './config';
import { CreateCatalog1767300000000 } from './migrations/1767300000000-create-catalog';
import { FxRateEntity } from './pricing/fx-rate.entity';
import { FxRatesController } from './pricing/fx-rates.controller';
import { FxRatesService } from './pricing/fx-rates.service';
import { CatalogReadsService } from './products/catalog-reads.service';
import { ProductEntity } from './products/product.entity';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';

export function createAppModule(config: ProductServiceConfig) {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [ProductEntity, CategoryEntity, FxRateEntity, ...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, CreateCatalog1767300000000],
      }),
      RedisModule.forRoot({ url: config.REDIS_URL, name: SERVICE_NAME }),
      CacheRedisModule.forRoot({
        url: config.CACHE_REDIS_URL,
        name: `${SERVICE_NAME}-cache`,
        password: config.REDIS_PASSWORD,
      }),
      // The service's own logger, so the relay's and consumers' lines carry correlation ids.
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        relay: config.OUTBOX_RELAY_ENABLED,
      }),
      AuthModule.forRoot({ useFactory: () => verifierOptionsFromEnv(config) }),
      HealthModule.forRoot({
        inject: [Database, REDIS, KafkaHealth],
        checks: (db: Database, redis: Redis, kafka: KafkaHealth) => [
          { name: 'postgres', check: () => db.manager.query('SELECT 1') },
          // The catalog falls back to PostgreSQL without its cache, and writes wait in the outbox for Kafka.
          { name: 'redis', check: () => redis.ping(), critical: false },
          { name: 'kafka', check: () => kafka.check(), critical: false },
        ],
      }),
    ],
    // FxRatesController first: its /api/products/fx-rates must be matched before /api/products/:id.
    controllers: [FxRatesController, ProductsController, CategoriesController, MetricsController],
    providers: [
      { provide: PRODUCT_SERVICE_CONFIG, useValue: config },
      CatalogCache,
      FxRatesService,
      CategoriesService,
      ProductsService,
      CatalogReadsService,
    ],
  })
  class AppModule {}
  return AppModule;
}
