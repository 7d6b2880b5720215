import type Redis from 'ioredis';

// Compare-and-act in one round trip: only the owner may extend or release, even after its lease ran
// out and another process took the lock.
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease shared by every replica. It expires on its own if its holder dies, so a crashed rebuild
 * does not block the next one forever; a live holder extends it while it works.
 */
export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(owner: string): Promise<boolean> {
    return (await this.redis.set(this.key, owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async extend(owner: string): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, this.key, owner, String(this.ttlMs))) === 1;
  }

  async release(owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, owner);
  }
}
