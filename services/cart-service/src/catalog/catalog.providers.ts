import type { Provider } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { daysToSeconds, SERVICE_NAME, type CartServiceConfig } from '../config';
import { LastKnownStore } from './last-known.store';
import { ProductCatalog } from './product-catalog';
import { StockLevels } from './stock-levels';
import { UpstreamClient, type UpstreamOptions } from './upstream-client';

function upstreamOptions(config: CartServiceConfig, name: string, baseUrl: string): UpstreamOptions {
  return {
    name,
    baseUrl,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retries: config.UPSTREAM_RETRIES,
    retryBackoffMs: config.UPSTREAM_RETRY_BACKOFF_MS,
    breaker: {
      resetMs: config.BREAKER_RESET_MS,
      errorThresholdPercent: config.BREAKER_ERROR_THRESHOLD_PERCENT,
      volumeThreshold: config.BREAKER_VOLUME_THRESHOLD,
      windowMs: config.BREAKER_WINDOW_MS,
    },
  };
}

/** The two upstreams, each with its own breaker, and the last-known store behind them. */
export function catalogProviders(config: CartServiceConfig): Provider[] {
  const logger = createLogger(SERVICE_NAME);
  return [
    {
      provide: LastKnownStore,
      inject: [REDIS],
      useFactory: (redis: Redis) =>
        new LastKnownStore(redis, config.REDIS_KEY_PREFIX, daysToSeconds(config.LAST_KNOWN_TTL_DAYS)),
    },
    {
      provide: ProductCatalog,
      inject: [LastKnownStore],
      useFactory: (lastKnown: LastKnownStore) =>
        new ProductCatalog(
          new UpstreamClient(upstreamOptions(config, 'product-service', config.PRODUCT_SERVICE_URL), logger),
          lastKnown,
          config.BASE_CURRENCY,
        ),
    },
    {
      provide: StockLevels,
      inject: [LastKnownStore],
      useFactory: (lastKnown: LastKnownStore) =>
        new StockLevels(
          new UpstreamClient(
            upstreamOptions(config, 'inventory-service', config.INVENTORY_SERVICE_URL),
            logger,
          ),
          lastKnown,
        ),
    },
  ];
}
