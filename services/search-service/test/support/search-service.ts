import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from '@elastic/elasticsearch';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { eventually, TestTokens } from '@ecommerce/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { createAppModule } from '../../src/app.module';
import { loadSearchServiceConfig, SERVICE_NAME, type SearchServiceConfig } from '../../src/config';
import { searchServiceCachedReads } from '../../src/search/search-cached-read';
import type { EventPublisher } from './events';
import { UpstreamStandIn } from './stand-in-upstreams';

export interface SearchTestRig {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  config: SearchServiceConfig;
  upstream: UpstreamStandIn;
  tokens: TestTokens;
  /** Direct access for inspecting what the service wrote (never for arranging what a test asserts). */
  es: Client;
  redis: Redis;
  /** The cache Redis (CACHE_REDIS_URL), where cached answers live. */
  cacheRedis: Redis;
  /** http://127.0.0.1:<port> of the running app. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real search-service app on a free port against the real Elasticsearch, Redis and Kafka, with
 * its own index alias, Redis namespace and consumer group, all removed again by `close`.
 */
export async function startSearchService(overrides: Record<string, string> = {}): Promise<SearchTestRig> {
  const upstream = await new UpstreamStandIn().start();
  const tokens = await TestTokens.create();
  const run = randomUUID().slice(0, 8);
  const config = loadSearchServiceConfig({
    ...process.env,
    NODE_ENV: 'test',
    JWT_PUBLIC_KEY: tokens.publicKeyPem,
    SEARCH_INDEX_ALIAS: `products-test-${run}`,
    KAFKA_CONSUMER_GROUP: `search-service-test-${run}`,
    // A test reacts to the events it publishes, not to the topics' whole history.
    KAFKA_FROM_BEGINNING: 'false',
    PRODUCT_SERVICE_URL: upstream.url,
    INVENTORY_SERVICE_URL: upstream.url,
    UPSTREAM_TIMEOUT_MS: '1000',
    ...overrides,
  });
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'search-service',
    description: 'test',
    logger: createLogger(SERVICE_NAME, process.env.TEST_LOG_LEVEL ?? 'silent'),
    cachedReads: searchServiceCachedReads,
  });
  await app.listen(0, '127.0.0.1');
  const es = new Client({ node: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200' });
  const redis = new Redis(config.REDIS_URL);
  const cacheRedis = new Redis(config.CACHE_REDIS_URL);
  const namespace = `search-service:${config.SEARCH_INDEX_ALIAS}:*`;
  return {
    app,
    http: () => request(app.getHttpServer()),
    config,
    upstream,
    tokens,
    es,
    redis,
    cacheRedis,
    baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    close: async () => {
      await app.close();
      await es.indices.delete({
        index: `${config.SEARCH_INDEX_ALIAS}-v*`,
        allow_no_indices: true,
        ignore_unavailable: true,
      });
      for (const client of [redis, cacheRedis]) {
        const keys = await client.keys(namespace);
        if (keys.length > 0) await client.del(...keys);
      }
      await Promise.all([es.close(), redis.quit(), cacheRedis.quit(), upstream.stop()]);
    },
  };
}

/**
 * Waits until the service's consumer has joined its group and reads new events: a new group starts
 * at the latest offsets only once it is assigned partitions, so a probe published too early is
 * missed, and another one is sent.
 */
export async function waitForConsumer(rig: SearchTestRig, events: EventPublisher): Promise<void> {
  await eventually(
    async () => {
      const probe = randomUUID();
      await events.stockChanged(probe, 1);
      await eventually(
        async () => {
          const found = await rig.es.exists({ index: rig.config.SEARCH_INDEX_ALIAS, id: probe });
          if (!found) throw new Error('probe not indexed yet');
        },
        { timeoutMs: 3_000, intervalMs: 100 },
      );
    },
    { timeoutMs: 45_000, intervalMs: 0 },
  );
}

export { expectProblem } from '@ecommerce/testing';

/** A counter's value in the Prometheus text at /metrics (0 when the series is absent). */
export function metricValue(metricsText: string, name: string, labels: Record<string, string>): number {
  return metricsText
    .split('\n')
    .filter(
      (line) =>
        line.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
