import type { Provider } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { ELASTICSEARCH } from '../elasticsearch/elasticsearch.module';
import { DocumentStore } from './document-store';
import { IndexAdmin } from './index-admin';
import { IndexBootstrap } from './index-bootstrap';
import { RebuildTarget } from './rebuild-target';
import { redisKeys } from './redis-keys';

export const catalogIndexProviders: Provider[] = [
  {
    provide: IndexAdmin,
    useFactory: (es: Client, config: SearchServiceConfig) =>
      new IndexAdmin(es, {
        alias: config.SEARCH_INDEX_ALIAS,
        refreshIntervalMs: config.SEARCH_REFRESH_INTERVAL_MS,
        replicas: config.SEARCH_INDEX_REPLICAS,
      }),
    inject: [ELASTICSEARCH, SEARCH_SERVICE_CONFIG],
  },
  { provide: DocumentStore, useFactory: (es: Client) => new DocumentStore(es), inject: [ELASTICSEARCH] },
  {
    provide: RebuildTarget,
    useFactory: (redis: Redis, config: SearchServiceConfig) =>
      new RebuildTarget(redis, redisKeys(config.SEARCH_INDEX_ALIAS).rebuildTarget),
    inject: [REDIS, SEARCH_SERVICE_CONFIG],
  },
  IndexBootstrap,
];
