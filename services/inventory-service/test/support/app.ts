import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { TestTokens } from '@ecommerce/testing';
import { createAppModule } from '../../src/app.module';
import { loadInventoryConfig, SERVICE_NAME, type InventoryConfig } from '../../src/config';

export interface TestApp {
  app: INestApplication;
  /** For supertest: `request(t.http)`. */
  http: ReturnType<INestApplication['getHttpServer']>;
  db: Database;
  config: InventoryConfig;
  tokens: TestTokens;
  close(): Promise<void>;
}

/** The test database and a consumer group of its own, starting at the topics' ends. */
export function testConfig(overrides: Record<string, string> = {}, publicKeyPem = ''): InventoryConfig {
  return loadInventoryConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'inventory_test',
    DATABASE_USER: 'inventory',
    DATABASE_PASSWORD: 'inventory',
    DATABASE_POOL_SIZE: '10',
    KAFKA_CONSUMER_GROUP: `inventory-service-test-${randomUUID()}`,
    KAFKA_FROM_BEGINNING: 'false',
    JWT_PUBLIC_KEY: publicKeyPem,
    ...overrides,
  });
}

/** The real service, in process: real HTTP stack, PostgreSQL, Kafka consumers, outbox relay and sweeper. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const tokens = await TestTokens.create();
  const config = testConfig(overrides, tokens.publicKeyPem);
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'inventory-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, process.env.LOG_LEVEL ?? 'warn'),
  });
  await app.init();
  return { app, http: app.getHttpServer(), db: app.get(Database), config, tokens, close: () => app.close() };
}
