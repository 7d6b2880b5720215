import type Redis from 'ioredis';

/**
 * Counts failed logins per account in Redis. After `maxFailures` within the window the account is
 * locked for the rest of the window (429 with Retry-After) — shared by every replica, so an attacker
 * cannot spread guesses over instances. A successful login clears the count.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly maxFailures: number,
    private readonly windowSeconds: number,
  ) {}

  private key(email: string): string {
    return `user-service:login-failures:${email}`;
  }

  /** Seconds the account stays locked, or 0 when a login may be tried. */
  async lockedFor(email: string): Promise<number> {
    const key = this.key(email);
    const [[, count], [, ttl]] = (await this.redis.multi().get(key).ttl(key).exec()) as [[null, string | null], [null, number]];
    return Number(count ?? 0) >= this.maxFailures ? Math.max(ttl, 1) : 0;
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    // NX on the expiry: the window starts at the first failure and is not extended by later ones.
    await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }
}
