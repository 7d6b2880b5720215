import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use or after a Redis restart. Redis runs a
 * script atomically, which is how the cart changes several fields, checks limits and refreshes the
 * expiry without a read-modify-write race between replicas.
 */
export class RedisScript<TResult> {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<TResult> {
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as TResult;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(this.source, keys.length, ...keys, ...args)) as TResult;
    }
  }
}
