import type { Provider } from '@nestjs/common';
import { UpstreamClient, type UpstreamClientOptions } from '@ecommerce/http';
import { createLogger, type Logger } from '@ecommerce/observability';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { daysToSeconds, SERVICE_NAME, type CartServiceConfig } from '../config';
import { LastKnownStore } from './last-known.store';
import { ProductCatalog } from './product-catalog';
import { StockLevels } from './stock-levels';
import { cartUpstreamMetrics } from './upstream.metrics';

function upstreamClient(
  config: CartServiceConfig,
  logger: Logger,
  name: string,
  baseUrl: string,
): UpstreamClient {
  const options: UpstreamClientOptions = {
    name,
    baseUrl,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retries: config.UPSTREAM_RETRIES,
    retryBackoffMs: config.UPSTREAM_RETRY_BACKOFF_MS,
    breaker: { failureThreshold: config.BREAKER_FAILURE_THRESHOLD, resetMs: config.BREAKER_RESET_MS },
    metrics: cartUpstreamMetrics,
    logger,
  };
  return new UpstreamClient(options);
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
          upstreamClient(config, logger, 'product-service', config.PRODUCT_SERVICE_URL),
          lastKnown,
          config.BASE_CURRENCY,
        ),
    },
    {
      provide: StockLevels,
      inject: [LastKnownStore],
      useFactory: (lastKnown: LastKnownStore) =>
        new StockLevels(
          upstreamClient(config, logger, 'inventory-service', config.INVENTORY_SERVICE_URL),
          lastKnown,
        ),
    },
  ];
}
