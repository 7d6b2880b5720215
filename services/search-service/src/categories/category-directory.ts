import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { within } from '../catalog-index/redis-budget';
import { redisKeys } from '../catalog-index/redis-keys';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';

/** One category as the directory keeps it: `name: null` is a deletion, kept so a late event cannot revive it. */
interface Entry {
  at: number;
  name: string | null;
}

// Version-aware write in one round trip: an entry older than the stored one is dropped, and one
// identical to it (a replay) changes nothing; the replicas of a consumer group share the partitions,
// so the check must happen where they all write.
const APPLY = `
local current = redis.call('hget', KEYS[1], ARGV[1])
if current then
  if current == ARGV[2] or tonumber(ARGV[3]) < tonumber(cjson.decode(current).at) then return 0 end
end
redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
return 1`;

const encode = (entry: Entry): string => JSON.stringify({ at: entry.at, name: entry.name });

/**
 * Category id -> name for the facets, fed by the category events on product.events and kept in
 * Redis: every replica sees every category, though each consumes only some partitions. Versions are
 * the events' `occurredAt` (a category has no update time of its own); names seeded from
 * product-service before any event carry version 0, so an event always wins over a seed.
 */
@Injectable()
export class CategoryDirectory {
  private readonly keys: { names: string; seeded: string };

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SEARCH_SERVICE_CONFIG) config: SearchServiceConfig,
  ) {
    const keys = redisKeys(config.SEARCH_INDEX_ALIAS);
    this.keys = { names: keys.categoryNames, seeded: keys.categoriesSeeded };
  }

  /** The known names among `ids`; undefined when Redis could not be asked (not when an id is unknown). */
  async namesFor(ids: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> {
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    let entries: (string | null)[];
    try {
      entries = await within(this.redis.hmget(this.keys.names, ...ids));
    } catch {
      return undefined;
    }
    ids.forEach((id, i) => {
      const name = entries[i] ? (JSON.parse(entries[i]) as Entry).name : null;
      if (name !== null) names.set(id, name);
    });
    return names;
  }

  /** Records a name (or, with null, a deletion) as of `at`; false when it is stale or already known. */
  async apply(id: string, name: string | null, at: number): Promise<boolean> {
    const entry = encode({ at, name });
    return (await this.redis.eval(APPLY, 1, this.keys.names, id, entry, String(at))) === 1;
  }

  isSeeded(): Promise<boolean> {
    return this.redis.exists(this.keys.seeded).then((count) => count > 0);
  }

  /** Adds names for categories no event has told about yet; never overwrites what an event wrote. */
  async seed(names: ReadonlyMap<string, string>): Promise<void> {
    const pipeline = this.redis.multi();
    for (const [id, name] of names) pipeline.hsetnx(this.keys.names, id, encode({ at: 0, name }));
    pipeline.set(this.keys.seeded, new Date().toISOString());
    await pipeline.exec();
  }
}
