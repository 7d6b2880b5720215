import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { redisKeys } from './redis-keys';

// A refresh takes a moment after its tick; and replicas' clocks differ by a little.
const SETTLE_MARGIN_MS = 250;

// Bump the version and push "settled at" forward (never back) in one round trip, on every replica's behalf.
const CHANGED = `
local settles = tonumber(ARGV[1])
local current = tonumber(redis.call('get', KEYS[2]) or '0')
if settles > current then redis.call('set', KEYS[2], ARGV[1]) end
return redis.call('incr', KEYS[1])`;

export interface CatalogState {
  version: string;
  /** Epoch ms by which every change written so far is searchable (one refresh interval after the last write). */
  settledAt: number;
}

/**
 * The catalog's version, part of every cached answer's key: bumping it retires every cached answer
 * at once, on every replica. A write is only searchable after the next index refresh, so an answer
 * computed before the catalog has settled may still show the old data: it is served, never cached.
 */
@Injectable()
export class CatalogVersion {
  private readonly keys: { version: string; settledAt: string };
  private readonly settleMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SEARCH_SERVICE_CONFIG) config: SearchServiceConfig,
  ) {
    const keys = redisKeys(config.SEARCH_INDEX_ALIAS);
    this.keys = { version: keys.catalogVersion, settledAt: keys.catalogSettledAt };
    this.settleMs = config.SEARCH_REFRESH_INTERVAL_MS + SETTLE_MARGIN_MS;
  }

  async current(): Promise<CatalogState> {
    const [version, settledAt] = await this.redis.mget(this.keys.version, this.keys.settledAt);
    return { version: version ?? '0', settledAt: Number(settledAt ?? 0) };
  }

  async changed(): Promise<void> {
    await this.redis.eval(
      CHANGED,
      2,
      this.keys.version,
      this.keys.settledAt,
      String(Date.now() + this.settleMs),
    );
  }
}
