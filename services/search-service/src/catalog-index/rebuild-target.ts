import type Redis from 'ioredis';

/**
 * The index a running rebuild fills, shared through Redis so the event consumers of every replica
 * write each change to it as well as to the live index; the rebuilt index therefore misses nothing
 * that happened while it was loading. The key expires with the rebuild's lease if the rebuild dies.
 */
export class RebuildTarget {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  current(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async set(index: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key, index, 'PX', ttlMs);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
