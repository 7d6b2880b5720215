import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { KafkaHealth, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { REDIS, RedisModule } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CartController } from './cart/cart.controller';
import { CartPricing } from './cart/cart-pricing';
import { CartRepository } from './cart/cart.repository';
import { CartService } from './cart/cart.service';
import { catalogProviders } from './catalog/catalog.providers';
import { ProductEventsHandler } from './catalog/product-events';
import { CART_SERVICE_CONFIG, daysToSeconds, SERVICE_NAME, type CartServiceConfig } from './config';
import { EventSubscriptions } from './events/event-subscriptions';

export function createAppModule(config: CartServiceConfig) {
  @Module({
    imports: [
      RedisModule.forRoot({ url: config.REDIS_URL, name: SERVICE_NAME }),
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
      }),
      AuthModule.forRoot({ useFactory: () => verifierOptionsFromEnv(config) }),
      // Readiness covers only what the cart cannot work without. product-service and inventory-service
      // are left out on purpose: the cart keeps answering from last known data while they are down.
      HealthModule.forRoot({
        inject: [REDIS, KafkaHealth],
        checks: (redis: Redis, kafka: KafkaHealth) => [
          { name: 'redis', check: () => redis.ping() },
          // Kafka only brings price and order events; the cart answers without them.
          { name: 'kafka', check: () => kafka.check(), critical: false },
        ],
      }),
    ],
    controllers: [CartController, MetricsController],
    providers: [
      { provide: CART_SERVICE_CONFIG, useValue: config },
      {
        provide: CartRepository,
        inject: [REDIS],
        useFactory: (redis: Redis) =>
          new CartRepository(redis, config.REDIS_KEY_PREFIX, {
            guest: daysToSeconds(config.GUEST_CART_TTL_DAYS),
            user: daysToSeconds(config.USER_CART_TTL_DAYS),
          }),
      },
      ...catalogProviders(config),
      CartPricing,
      CartService,
      ProductEventsHandler,
      EventSubscriptions,
    ],
  })
  class AppModule {}
  return AppModule;
}
