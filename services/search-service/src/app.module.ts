import { Module } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { AuthModule, Public, verifierOptionsFromEnv } from '@ecommerce/auth';
import { KafkaHealth, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { REDIS, CacheRedisModule, RedisModule } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CatalogVersion } from './catalog-index/catalog-version';
import { catalogIndexProviders } from './catalog-index/catalog-index.providers';
import { CategoryBootstrap } from './categories/category-bootstrap';
import { CategoryDirectory } from './categories/category-directory';
import { CategoryUpdates } from './categories/category-updates';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from './config';
import { ELASTICSEARCH, ElasticsearchModule } from './elasticsearch/elasticsearch.module';
import { CatalogEventsConsumer } from './indexing/catalog-events.consumer';
import { CatalogIndexer } from './indexing/catalog-indexer';
import { ReindexController } from './reindex/reindex.controller';
import { ReindexService } from './reindex/reindex.service';
import { QueryCache } from './search/query-cache';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';
import { SimilarProductsService } from './search/similar-products.service';
import { SuggestionsService } from './search/suggestions.service';
import { upstreamProviders } from './upstream/upstream.providers';

export function createAppModule(config: SearchServiceConfig) {
  const health = HealthModule.forRoot({
    inject: [ELASTICSEARCH, REDIS, KafkaHealth],
    checks: (es: Client, redis: Redis, kafka: KafkaHealth) => [
      {
        name: 'elasticsearch',
        check: async () => {
          const { status } = await es.cluster.health({ timeout: '1s' });
          if (status === 'red') throw new Error('cluster status is red');
          if (!(await es.indices.existsAlias({ name: config.SEARCH_INDEX_ALIAS })))
            throw new Error(`alias ${config.SEARCH_INDEX_ALIAS} does not exist`);
        },
      },
      // Searches skip the query cache without Redis; Kafka only feeds the indexer, which catches up.
      { name: 'redis', check: () => redis.ping(), critical: false },
      {
        name: 'kafka',
        critical: false,
        check: async () => {
          if (!(await kafka.isHealthy())) throw new Error('no Kafka broker answers');
        },
      },
    ],
  });
  // Probes and Prometheus carry no token, but AuthModule's guard covers every route: open these two
  // (the observability lib's controllers do not mark themselves public).
  for (const controller of [...(health.controllers ?? []), MetricsController]) Public()(controller);

  @Module({
    imports: [
      ElasticsearchModule.forRoot({
        url: config.ELASTICSEARCH_URL,
        requestTimeoutMs: config.ELASTICSEARCH_REQUEST_TIMEOUT_MS,
      }),
      RedisModule.forRoot({ url: config.REDIS_URL, name: SERVICE_NAME }),
      CacheRedisModule.forRoot({
        url: config.CACHE_REDIS_URL,
        name: `${SERVICE_NAME}-cache`,
        password: config.REDIS_PASSWORD,
      }),
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
      }),
      AuthModule.forRoot({ useFactory: () => verifierOptionsFromEnv(config) }),
      health,
    ],
    controllers: [SearchController, ReindexController, MetricsController],
    providers: [
      { provide: SEARCH_SERVICE_CONFIG, useValue: config },
      ...catalogIndexProviders,
      ...upstreamProviders,
      CatalogVersion,
      CategoryDirectory,
      CategoryUpdates,
      CategoryBootstrap,
      QueryCache,
      SearchService,
      SuggestionsService,
      SimilarProductsService,
      CatalogIndexer,
      CatalogEventsConsumer,
      ReindexService,
    ],
  })
  class AppModule {}
  return AppModule;
}
