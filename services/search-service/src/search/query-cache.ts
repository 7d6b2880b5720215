import { Inject, Injectable } from '@nestjs/common';
import { CACHE_REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CatalogVersion } from '../catalog-index/catalog-version';
import { redisKeys, type RedisKeys } from '../catalog-index/redis-keys';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { cacheKeyFor, type CacheParams } from './cache-key';
import { searchCacheRequests, searchDuration } from './search.metrics';

// The cache must never be slower than the search it saves: a Redis that does not answer at once is skipped.
const REDIS_BUDGET_MS = 150;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface Computed<T> {
  value: T;
  /** False for an answer that is not worth keeping (e.g. category names could not be looked up). */
  cacheable: boolean;
}

/**
 * Answers cached for SEARCH_CACHE_TTL_SECONDS under the catalog version, so any applied change
 * retires them at once. They live in the cache Redis (CACHE_REDIS_URL), which evicts the least
 * recently used answers when full; the catalog version stays in REDIS. Redis being down costs the
 * cache, never the answer.
 */
@Injectable()
export class QueryCache {
  private readonly keys: RedisKeys;

  constructor(
    @Inject(CACHE_REDIS) private readonly redis: Redis,
    private readonly version: CatalogVersion,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {
    this.keys = redisKeys(config.SEARCH_INDEX_ALIAS);
  }

  /**
   * The cached answer, or `compute`'s, which is then cached. `cacheable: false` (e.g. a deep page:
   * rare, and each would be a key of its own) skips the cache both ways.
   */
  async answer<T>(
    endpoint: string,
    params: CacheParams,
    compute: () => Promise<Computed<T>>,
    options: { cacheable?: boolean } = {},
  ): Promise<T> {
    const stopTimer = searchDuration.startTimer({ endpoint });
    const key = (options.cacheable ?? true) ? await this.keyFor(endpoint, params) : undefined;
    const cached = key ? await this.lookup(endpoint, key) : undefined;
    if (cached !== undefined) {
      stopTimer({ cache: 'hit' });
      return cached as T;
    }
    const { value, cacheable } = await compute();
    if (key && cacheable) {
      this.redis
        .set(key, JSON.stringify(value), 'EX', this.config.SEARCH_CACHE_TTL_SECONDS)
        .catch(() => undefined);
    }
    stopTimer({ cache: 'miss' });
    return value;
  }

  /** The key this answer is filed under, or undefined when it must not be cached (or Redis is away). */
  private async keyFor(endpoint: string, params: CacheParams): Promise<string | undefined> {
    try {
      // Read the version before searching: if a change lands meanwhile, this answer is filed under
      // the old version, which nobody asks for any more.
      const catalog = await within(this.version.current(), REDIS_BUDGET_MS);
      if (Date.now() < catalog.settledAt) {
        // A change may not be searchable yet: answer from the index, but keep no possibly stale answer.
        searchCacheRequests.inc({ endpoint, result: 'unsettled' });
        return undefined;
      }
      return this.keys.cachedAnswer(catalog.version, cacheKeyFor(endpoint, params));
    } catch {
      searchCacheRequests.inc({ endpoint, result: 'error' });
      return undefined;
    }
  }

  private async lookup(endpoint: string, key: string): Promise<unknown> {
    try {
      const cached = await within(this.redis.get(key), REDIS_BUDGET_MS);
      searchCacheRequests.inc({ endpoint, result: cached === null ? 'miss' : 'hit' });
      return cached === null ? undefined : JSON.parse(cached);
    } catch {
      searchCacheRequests.inc({ endpoint, result: 'error' });
      return undefined;
    }
  }
}
