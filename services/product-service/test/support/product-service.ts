import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createDataSource } from '@ecommerce/database';
import { createServiceApp } from '@ecommerce/http';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { closeRedis } from '@ecommerce/redis';
import { TestTokens } from '@ecommerce/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { createAppModule } from '../../src/app.module';
import { CacheKeys } from '../../src/cache/cache-keys';
import { CategoryEntity } from '../../src/categories/category.entity';
import { loadProductServiceConfig, SERVICE_NAME, type ProductServiceConfig } from '../../src/config';
import { CreateCatalog1767300000000 } from '../../src/migrations/1767300000000-create-catalog';
import { FxRateEntity } from '../../src/pricing/fx-rate.entity';
import { productServiceCachedReads } from '../../src/products/product-cached-read';
import { ProductEntity } from '../../src/products/product.entity';
import { expectProblem } from '@ecommerce/testing';

export function testConfig(tokens: TestTokens, overrides: Record<string, string> = {}): ProductServiceConfig {
  return loadProductServiceConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'products_test',
    DATABASE_USER: 'products',
    DATABASE_PASSWORD: 'products',
    DATABASE_POOL_SIZE: '5',
    JWT_PUBLIC_KEY: tokens.publicKeyPem,
    // Each test file has its own cache keys, so files running side by side never see each other's entries.
    CACHE_PREFIX: `product-test-${randomUUID()}`,
    ...overrides,
  });
}

/**
 * Test files may run in parallel workers; the schema is brought up to date once, under an advisory
 * lock, before any app starts (two apps migrating one empty database at once would race).
 */
async function migrateOnce(config: ProductServiceConfig): Promise<void> {
  const dataSource = createDataSource({
    env: config,
    applicationName: `${SERVICE_NAME}-test-migrations`,
    entities: [ProductEntity, CategoryEntity, FxRateEntity, ...MESSAGING_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, CreateCatalog1767300000000],
  });
  await dataSource.initialize();
  try {
    await dataSource.query(`SELECT pg_advisory_lock(hashtext('product-service:test-migrations'))`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource
      .query(`SELECT pg_advisory_unlock(hashtext('product-service:test-migrations'))`)
      .catch(() => undefined);
    await dataSource.destroy();
  }
}

export interface TestProductService {
  app: INestApplication;
  config: ProductServiceConfig;
  tokens: TestTokens;
  adminToken: string;
  customerToken: string;
  redis: Redis;
  keys: CacheKeys;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The real product-service (HTTP stack, PostgreSQL, Redis, Kafka) in-process, with test tokens. */
export async function startProductService(
  overrides: Record<string, string> = {},
): Promise<TestProductService> {
  const tokens = await TestTokens.create();
  const config = testConfig(tokens, overrides);
  await migrateOnce(config);
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'product-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, 'silent'),
    cachedReads: productServiceCachedReads,
  });
  await app.init();
  // The read cache lives in the cache Redis (CACHE_REDIS_URL).
  const redis = new Redis(config.CACHE_REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const keys = new CacheKeys(config.CACHE_PREFIX);
  return {
    app,
    config,
    tokens,
    adminToken: await tokens.admin(),
    customerToken: await tokens.customer(),
    redis,
    keys,
    http: () => request(app.getHttpServer()),
    close: async () => {
      // A rig pointed at an unreachable Redis has no keys to delete, and its client must be cut, not quit.
      if (redis.status === 'ready') await deleteKeys(redis, keys.pattern());
      await closeRedis(redis);
      await app.close();
    },
  };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (found.length) await redis.del(...found);
    cursor = next;
  } while (cursor !== '0');
}

let counter = 0;
/** Unique per run, so tests never collide with each other or with earlier runs. */
export const unique = (label: string): string =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${randomUUID().slice(0, 6)}`;

export { expectProblem };

export function expectValidationProblem(response: request.Response, fields: string[]): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  expect(response.body.type).toBe('/problems/validation-failed');
  for (const field of fields) expect(response.body.errors).toHaveProperty([field]);
}
