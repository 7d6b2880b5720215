import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { CACHE_REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { PRODUCT_SERVICE_CONFIG, SERVICE_NAME, type ProductServiceConfig } from '../config';
import { CacheKeys, decodeEntry, encodeEntry, stampOf, type Version } from './cache-keys';
import { cacheErrors, cacheRequests, type CacheName } from './cache.metrics';

const AFTER_COMMIT_ATTEMPTS = 3;
/** While Redis is down every request fails over; one log line per operation per interval is enough. */
const LOG_INTERVAL_MS = 10_000;

/**
 * The Redis read cache of the public catalog, built so that no stale answer is served once a write
 * has returned, with any number of replicas.
 *
 * Each kind of data has a version counter (one per product, one for all list pages, one for FX
 * rates, one for the category tree). A reader fetches the counters it depends on together with the
 * entry in one MGET; the entry is a hit only if it is stamped with exactly those versions. On a miss
 * the reader loads from PostgreSQL and stores the answer stamped with the versions it saw *before*
 * loading. A writer INCRs the counters twice:
 *  - inside its transaction, just before commit: a write that cannot invalidate fails (503) instead of
 *    committing behind a cache that would keep serving the old answer;
 *  - after commit: a reader that saw the first INCR but still read the old row (the commit was not
 *    visible yet) stored an entry stamped with that intermediate version, which the second INCR
 *    orphans.
 * So an entry can only match if its reader read PostgreSQL after the last commit. Stale entries are
 * never deleted, only never matched again; the TTL reclaims them. Counters start at the current time
 * in ms (SET NX), so a counter lost with a Redis restart never comes back with a value an old entry
 * still carries, and a counter evicted by the cache Redis (CACHE_REDIS_URL, allkeys-lru) only costs
 * misses until it exists again.
 */
@Injectable()
export class CatalogCache {
  readonly keys: CacheKeys;
  private readonly ttlSeconds: number;
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly lastLogged = new Map<string, number>();

  constructor(
    @Inject(CACHE_REDIS) private readonly redis: Redis,
    @Inject(PRODUCT_SERVICE_CONFIG) config: ProductServiceConfig,
  ) {
    this.keys = new CacheKeys(config.CACHE_PREFIX);
    this.ttlSeconds = config.CACHE_TTL_SECONDS;
  }

  /**
   * The cached answer for `key`, or `load()`'s, which is then cached. `null` means "not found" and is
   * cached too. A Redis failure is a miss: reads keep working from PostgreSQL.
   */
  async getOrLoad(
    cache: CacheName,
    key: string,
    versionKeys: readonly string[],
    load: () => Promise<string | null>,
  ): Promise<string | null> {
    let stamp: string | null = null;
    let versions: Version[] = [];
    // While the client is reconnecting, go straight to PostgreSQL instead of queueing behind it.
    if (this.redis.status !== 'ready') {
      cacheRequests.inc({ cache, result: 'miss' });
      return load();
    }
    try {
      const read = await this.read(key, versionKeys);
      ({ versions, stamp } = read);
      if (read.entry.hit) {
        cacheRequests.inc({ cache, result: 'hit' });
        return read.entry.payload;
      }
    } catch (error) {
      this.redisFailed('read', error);
    }
    cacheRequests.inc({ cache, result: 'miss' });
    const payload = await load();
    if (stamp !== null) this.store(key, stamp, payload);
    else this.createMissingCounters(versionKeys, versions);
    return payload;
  }

  /**
   * The cached answer when it is a hit, else undefined: a miss, a cached "not found" and Redis not
   * being ready are all left to getOrLoad. Never loads; a Redis error rejects.
   */
  async peek(cache: CacheName, key: string, versionKeys: readonly string[]): Promise<string | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    const { entry } = await this.read(key, versionKeys);
    if (!entry.hit || entry.payload === null) return undefined;
    cacheRequests.inc({ cache, result: 'hit' });
    return entry.payload;
  }

  private async read(key: string, versionKeys: readonly string[]) {
    const values = await this.redis.mget(...versionKeys, key);
    const versions = values.slice(0, versionKeys.length);
    const stamp = stampOf(versions);
    return { versions, stamp, entry: decodeEntry(values[versionKeys.length], stamp) };
  }

  /** The first INCR, inside the write's transaction (see the class comment). */
  async invalidateBeforeCommit(versionKeys: readonly string[]): Promise<void> {
    try {
      await this.bump(versionKeys);
    } catch (error) {
      this.redisFailed('invalidate', error);
      throw new DomainError(
        'CACHE_UNAVAILABLE',
        'unavailable',
        'The catalog cache cannot be updated right now; nothing was changed. Retry shortly.',
        {
          retryAfterSeconds: 1,
        },
      );
    }
  }

  /**
   * The second INCR, after commit. The change is committed whatever happens here, so a failure is
   * retried and then logged, not thrown: only entries filled during the commit itself could be
   * stale, and the TTL bounds their life.
   */
  async invalidateAfterCommit(versionKeys: readonly string[]): Promise<void> {
    for (let attempt = 1; attempt <= AFTER_COMMIT_ATTEMPTS; attempt++) {
      try {
        await this.bump(versionKeys);
        return;
      } catch (error) {
        if (attempt === AFTER_COMMIT_ATTEMPTS) this.redisFailed('invalidate-after-commit', error);
        else await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  private async bump(versionKeys: readonly string[]): Promise<void> {
    const now = String(Date.now());
    const multi = this.redis.multi();
    for (const key of versionKeys) multi.set(key, now, 'NX').incr(key);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('the version transaction was discarded');
  }

  // Fire and forget: the answer does not wait for the cache write, and a lost write is only a miss.
  private store(key: string, stamp: string, payload: string | null): void {
    this.redis
      .set(key, encodeEntry(stamp, payload), 'EX', this.ttlSeconds)
      .catch((error: unknown) => this.redisFailed('write', error));
  }

  private createMissingCounters(versionKeys: readonly string[], versions: readonly Version[]): void {
    const now = String(Date.now());
    const missing = versionKeys.filter((_, index) => versions[index] === null);
    if (missing.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of missing) pipeline.set(key, now, 'NX');
    pipeline.exec().catch((error: unknown) => this.redisFailed('write', error));
  }

  private redisFailed(operation: string, error: unknown): void {
    cacheErrors.inc({ operation });
    const now = Date.now();
    if (now - (this.lastLogged.get(operation) ?? 0) < LOG_INTERVAL_MS) return;
    this.lastLogged.set(operation, now);
    this.logger.warn({ err: error, operation }, 'read cache: Redis failed, serving from PostgreSQL');
  }
}
