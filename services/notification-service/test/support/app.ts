import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createTestSchema, TestTokens, type TestSchema } from '@ecommerce/testing';
import { createAppModule } from '../../src/app.module';
import { loadNotificationConfig, SERVICE_NAME, type NotificationConfig } from '../../src/config';

export interface TestApp {
  app: INestApplication;
  /** For supertest: `request(t.http)`. */
  http: ReturnType<INestApplication['getHttpServer']>;
  db: Database;
  config: NotificationConfig;
  tokens: TestTokens;
  close(): Promise<void>;
}

/**
 * notifications_test in a schema of its own (so this file's dispatcher sees only its own
 * notifications), a consumer group of its own starting at the topics' ends, and quick retries.
 */
export function testConfig(
  schema: string,
  overrides: Record<string, string>,
  publicKeyPem: string,
): NotificationConfig {
  return loadNotificationConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'notifications_test',
    DATABASE_USER: 'notifications',
    DATABASE_PASSWORD: 'notifications',
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: '10',
    KAFKA_CONSUMER_GROUP: `notification-service-test-${randomUUID()}`,
    KAFKA_FROM_BEGINNING: 'false',
    JWT_PUBLIC_KEY: publicKeyPem,
    NOTIFICATION_RETRY_BASE_MS: '100',
    NOTIFICATION_RETRY_MAX_MS: '400',
    NOTIFICATION_POLL_INTERVAL_MS: '1000',
    SENDGRID_TIMEOUT_MS: '2000',
    NOTIFICATION_CLAIM_TIMEOUT_MS: '5000',
    ...overrides,
  });
}

/** The real service, in process: HTTP stack, PostgreSQL, Kafka consumers, outbox relay and dispatcher. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const tokens = await TestTokens.create();
  const schema: TestSchema = await createTestSchema('notifications_test', 'notifications');
  const config = testConfig(schema.name, overrides, tokens.publicKeyPem);
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'notification-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, process.env.LOG_LEVEL ?? 'warn'),
  });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    db: app.get(Database),
    config,
    tokens,
    close: async () => {
      await app.close();
      await schema.drop();
    },
  };
}
