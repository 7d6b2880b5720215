import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { countKeys, TestTokens } from '@ecommerce/testing';
import { createAppModule } from '../../src/app.module';
import { loadCartServiceConfig, SERVICE_NAME } from '../../src/config';
import { InventoryServiceStandIn, ProductServiceStandIn } from './stand-in-upstreams';

export interface CartTestRig {
  app: INestApplication;
  products: ProductServiceStandIn;
  inventory: InventoryServiceStandIn;
  tokens: TestTokens;
  /** A client of the same Redis, for asserting on keys and their expiry. */
  redis: Redis;
  /** The Redis key the service uses for `suffix` (e.g. `cart:guest:<id>`) in this run. */
  key(suffix: string): string;
  /**
   * Keys this run's service has written under its prefix, optionally only those starting with `suffix`
   * (e.g. `cart:`; product events consumed meanwhile may add `last-known:` keys at any time).
   */
  keyCount(suffix?: string): Promise<number>;
  /** http://127.0.0.1:<port> of the running app. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Deletes every key under the run's prefix, so a test run leaves nothing behind in the shared Redis. */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * The real cart-service app (HTTP stack, Redis, Kafka) on a free port, talking to stand-ins for its
 * two upstreams. Each run has its own consumer group, so it sees every event published to the topics,
 * and its own Redis key prefix, whose keys it deletes when it closes.
 */
export async function startCartService(overrides: Record<string, string> = {}): Promise<CartTestRig> {
  const products = new ProductServiceStandIn();
  const inventory = new InventoryServiceStandIn();
  await Promise.all([products.start(), inventory.start()]);
  const tokens = await TestTokens.create();
  const keyPrefix = `cart-service-test-${randomUUID().slice(0, 8)}:`;
  const config = loadCartServiceConfig({
    ...process.env,
    NODE_ENV: 'test',
    JWT_PUBLIC_KEY: tokens.publicKeyPem,
    PRODUCT_SERVICE_URL: products.url,
    INVENTORY_SERVICE_URL: inventory.url,
    REDIS_KEY_PREFIX: keyPrefix,
    KAFKA_CONSUMER_GROUP: `cart-service-test-${randomUUID()}`,
    UPSTREAM_TIMEOUT_MS: '1000',
    UPSTREAM_RETRY_BACKOFF_MS: '20',
    ...overrides,
  });
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'cart-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, 'silent'),
  });
  await app.listen(0, '127.0.0.1');
  const redis = new Redis(config.REDIS_URL);
  return {
    app,
    products,
    inventory,
    tokens,
    redis,
    key: (suffix) => `${keyPrefix}${suffix}`,
    keyCount: (suffix = '') => countKeys(redis, `${keyPrefix}${suffix}`),
    baseUrl: await app.getUrl().then((url) => url.replace('[::1]', '127.0.0.1')),
    close: async () => {
      await app.close();
      await Promise.all([products.stop(), inventory.stop()]);
      await deleteKeys(redis, keyPrefix);
      await redis.quit();
    },
  };
}

export { expectProblem } from '@ecommerce/testing';

/** A gauge or counter value from the Prometheus text at /metrics (0 when the series is absent). */
export function metricValue(metricsText: string, name: string, labels: Record<string, string>): number {
  const line = metricsText
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
