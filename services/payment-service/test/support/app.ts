import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { TestTokens } from '@ecommerce/testing';
import { createAppModule } from '../../src/app.module';
import { loadPaymentConfig, SERVICE_NAME, type PaymentConfig } from '../../src/config';
import { CountingProvider } from './counting-provider';

export const WEBHOOK_SECRET = 'whsec_test_secret';

export interface TestApp {
  app: INestApplication;
  /** For supertest: `request(t.http)`. */
  http: ReturnType<INestApplication['getHttpServer']>;
  db: Database;
  config: PaymentConfig;
  tokens: TestTokens;
  /** The configured provider (the sandbox unless overridden), with every call recorded. */
  provider: CountingProvider;
  close(): Promise<void>;
}

/** The test database and a consumer group of its own, starting at the topics' ends. */
export function testConfig(overrides: Record<string, string> = {}, publicKeyPem = ''): PaymentConfig {
  return loadPaymentConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'payments_test',
    DATABASE_USER: 'payments',
    DATABASE_PASSWORD: 'payments',
    DATABASE_POOL_SIZE: '10',
    KAFKA_CONSUMER_GROUP: `payment-service-test-${randomUUID()}`,
    KAFKA_FROM_BEGINNING: 'false',
    JWT_PUBLIC_KEY: publicKeyPem,
    STRIPE_API_KEY: '',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    RECONCILIATION_INTERVAL_MS: '0',
    ...overrides,
  });
}

/** The real service, in process: real HTTP stack, PostgreSQL, Kafka consumer, outbox relay. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const tokens = await TestTokens.create();
  const config = testConfig(overrides, tokens.publicKeyPem);
  let provider!: CountingProvider;
  const app = await createServiceApp(
    createAppModule(config, {
      decorateProvider: (inner) => (provider = new CountingProvider(inner)),
    }),
    {
      service: SERVICE_NAME,
      title: 'payment-service',
      description: 'test',
      logger: createLogger(SERVICE_NAME, process.env.LOG_LEVEL ?? 'warn'),
    },
  );
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    db: app.get(Database),
    config,
    tokens,
    provider,
    close: () => app.close(),
  };
}
