import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { REDIS } from '@ecommerce/redis';
import { createLogger } from '@ecommerce/observability';
import type Redis from 'ioredis';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';
import { isUnavailable } from '../elasticsearch/elasticsearch.errors';
import { IndexAdmin } from './index-admin';
import { redisKeys } from './redis-keys';
import { RedisLock } from './redis-lock';

const STARTUP_DEADLINE_MS = 60_000;
const POLL_MS = 500;

/**
 * At start-up, makes sure the alias exists, creating the first index behind it if not. Replicas
 * starting together take a Redis lock, so exactly one of them creates it and the others wait for it:
 * an alias over two indices would reject every write.
 */
@Injectable()
export class IndexBootstrap implements OnModuleInit {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly admin: IndexAdmin,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const index = await this.ensureAlias();
    this.logger.info(
      { alias: this.admin.alias, index, analysis: await this.admin.analysisProfile() },
      'product index ready',
    );
  }

  async ensureAlias(): Promise<string> {
    const lock = new RedisLock(this.redis, redisKeys(this.config.SEARCH_INDEX_ALIAS).bootstrapLock, 30_000);
    const owner = randomUUID();
    const deadline = Date.now() + STARTUP_DEADLINE_MS;
    for (;;) {
      try {
        const index = (await this.admin.currentIndex()) ?? (await this.createIfFirst(lock, owner));
        if (index) return index;
      } catch (error) {
        // Elasticsearch still starting: wait for it. Anything else (a concrete index squatting on the
        // alias name, a rejected mapping) will not heal by waiting.
        if (!isUnavailable(error) || Date.now() > deadline) throw error;
        this.logger.warn({ err: error }, 'Elasticsearch not reachable yet, waiting');
      }
      if (Date.now() > deadline)
        throw new Error(`alias ${this.admin.alias} did not appear within ${STARTUP_DEADLINE_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async createIfFirst(lock: RedisLock, owner: string): Promise<string | undefined> {
    if (!(await lock.acquire(owner))) return undefined;
    try {
      const existing = await this.admin.currentIndex();
      if (existing) return existing;
      const index = await this.admin.createIndex({ withAlias: true });
      this.logger.info(
        { alias: this.admin.alias, index },
        'created the first product index; POST /api/search/reindex fills it from product-service',
      );
      return index;
    } finally {
      await lock.release(owner);
    }
  }
}
