import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createTestSchema, TestTokens, type TestSchema } from '@ecommerce/testing';
import { createAppModule } from '../../src/app.module';
import { loadOrderConfig, SERVICE_NAME, type OrderConfig } from '../../src/config';

export interface TestApp {
  app: INestApplication;
  /** For supertest: `request(t.http)`. */
  http: ReturnType<INestApplication['getHttpServer']>;
  db: Database;
  config: OrderConfig;
  close(): Promise<void>;
}

/**
 * What several app instances of one test file share: a schema of its own, one token key. The file's
 * own Kafka topics come from the integration setup (KAFKA_TOPIC_PREFIX).
 */
export interface TestEnvironment {
  schema: TestSchema;
  tokens: TestTokens;
  groupId: string;
  drop(): Promise<void>;
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const schema = await createTestSchema('orders_test', 'orders');
  return {
    schema,
    tokens: await TestTokens.create(),
    groupId: `order-service-test-${randomUUID()}`,
    drop: () => schema.drop(),
  };
}

/** The test schema, a consumer group of the file's own starting at the topics' ends, the test token key. */
export function testConfig(env: TestEnvironment, overrides: Record<string, string> = {}): OrderConfig {
  return loadOrderConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'orders_test',
    DATABASE_USER: 'orders',
    DATABASE_PASSWORD: 'orders',
    DATABASE_SCHEMA: env.schema.name,
    DATABASE_POOL_SIZE: '10',
    KAFKA_CONSUMER_GROUP: env.groupId,
    KAFKA_FROM_BEGINNING: 'false',
    JWT_PUBLIC_KEY: env.tokens.publicKeyPem,
    // Nothing listens there unless a test starts a stand-in; calls fail fast.
    PRODUCT_SERVICE_URL: 'http://127.0.0.1:9',
    CART_SERVICE_URL: 'http://127.0.0.1:9',
    USER_SERVICE_URL: 'http://127.0.0.1:9',
    SAGA_SWEEP_INTERVAL_MS: '200',
    ...overrides,
  });
}

/** The real service, in process: real HTTP stack, PostgreSQL, Kafka consumers, outbox relay, sweeper. */
export async function startTestApp(
  env: TestEnvironment,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
  const config = testConfig(env, overrides);
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'order-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, process.env.LOG_LEVEL ?? 'warn'),
  });
  await app.init();
  return { app, http: app.getHttpServer(), db: app.get(Database), config, close: () => app.close() };
}
