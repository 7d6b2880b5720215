import { Inject, Injectable } from '@nestjs/common';
import { CACHE_REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CatalogVersion } from '../catalog-index/catalog-version';
import { within } from '../catalog-index/redis-budget';
import { redisKeys, type RedisKeys } from '../catalog-index/redis-keys';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { cacheKeyFor, type CacheParams } from './cache-key';
import { ConcurrencyLimit } from './concurrency-limit';
import { SearchErrors } from './search.errors';
import { searchCacheRequests, searchDuration } from './search.metrics';

/**
 * Elasticsearch queries in flight at once, and waiting for a turn. A single-node cluster on a few
 * cores answers best a few at a time; past the queue, a search is refused (503 + Retry-After) rather
 * than queued behind work it cannot overtake.
 */
const MAX_COMPUTING = 8;
const MAX_WAITING = 64;

export interface Computed<T> {
  value: T;
  /** False for an answer that is not worth keeping (e.g. the category names could not be read). */
  cacheable: boolean;
}

/**
 * Answers cached for SEARCH_CACHE_TTL_SECONDS under the catalog version, so any applied change
 * retires them at once. They live in the cache Redis (CACHE_REDIS_URL), which evicts the least
 * recently used answers when full; the catalog version stays in REDIS. Redis being down costs the
 * cache, never the answer.
 *
 * Answers are kept and returned as JSON text: a hit is sent as stored, never parsed and serialised
 * again. A cache that fails never multiplies the work behind it: concurrent misses of one question
 * share one computation, and computations are bounded (MAX_COMPUTING, MAX_WAITING), so a late Redis
 * on a busy event loop cannot turn into a flood of Elasticsearch queries.
 */
@Injectable()
export class QueryCache {
  private readonly keys: RedisKeys;
  private readonly computing = new Map<string, Promise<Computed<string>>>();
  private readonly limit = new ConcurrencyLimit(MAX_COMPUTING, MAX_WAITING);

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
  async answer(
    endpoint: string,
    params: CacheParams,
    compute: () => Promise<Computed<unknown>>,
    options: { cacheable?: boolean } = {},
  ): Promise<string> {
    const stopTimer = searchDuration.startTimer({ endpoint });
    const question = cacheKeyFor(endpoint, params);
    const key = (options.cacheable ?? true) ? await this.keyFor(endpoint, question) : undefined;
    const cached = key ? await this.lookup(endpoint, key) : undefined;
    if (cached !== undefined) {
      stopTimer({ cache: 'hit' });
      return cached;
    }
    // Shared by the key when there is one, else by the question alone: without a version, an answer
    // begun a moment ago is as good as a new one.
    const { value, cacheable } = await this.computeOnce(key ?? `uncached:${question}`, compute);
    if (key && cacheable) {
      this.redis.set(key, value, 'EX', this.config.SEARCH_CACHE_TTL_SECONDS).catch(() => undefined);
    }
    stopTimer({ cache: 'miss' });
    return value;
  }

  /**
   * The cached answer when there is one, else undefined; never computes, and counts only hits, as
   * whatever is not one goes on to `answer` (see search-cached-reads.ts). Rejects when Redis fails.
   */
  async peek(endpoint: string, question: string): Promise<string | undefined> {
    const stopTimer = searchDuration.startTimer({ endpoint });
    const catalog = await within(this.version.current());
    if (Date.now() < catalog.settledAt) return undefined;
    const cached = await within(this.redis.get(this.keys.cachedAnswer(catalog.version, question)));
    if (cached === null) return undefined;
    searchCacheRequests.inc({ endpoint, result: 'hit' });
    stopTimer({ cache: 'hit' });
    return cached;
  }

  private computeOnce(flight: string, compute: () => Promise<Computed<unknown>>): Promise<Computed<string>> {
    const pending = this.computing.get(flight);
    if (pending) return pending;
    const started = this.limit
      .run(async () => {
        const { value, cacheable } = await compute();
        return { value: JSON.stringify(value), cacheable };
      }, SearchErrors.busy)
      .finally(() => this.computing.delete(flight));
    this.computing.set(flight, started);
    return started;
  }

  /** The key this answer is filed under, or undefined when it must not be cached (or Redis is away). */
  private async keyFor(endpoint: string, question: string): Promise<string | undefined> {
    try {
      // Read the version before searching: if a change lands meanwhile, this answer is filed under
      // the old version, which nobody asks for any more.
      const catalog = await within(this.version.current());
      if (Date.now() < catalog.settledAt) {
        // A change may not be searchable yet: answer from the index, but keep no possibly stale answer.
        searchCacheRequests.inc({ endpoint, result: 'unsettled' });
        return undefined;
      }
      return this.keys.cachedAnswer(catalog.version, question);
    } catch {
      searchCacheRequests.inc({ endpoint, result: 'error' });
      return undefined;
    }
  }

  private async lookup(endpoint: string, key: string): Promise<string | undefined> {
    try {
      const cached = await within(this.redis.get(key));
      searchCacheRequests.inc({ endpoint, result: cached === null ? 'miss' : 'hit' });
      return cached ?? undefined;
    } catch {
      searchCacheRequests.inc({ endpoint, result: 'error' });
      return undefined;
    }
  }
}
