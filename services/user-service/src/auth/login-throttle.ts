import type Redis from 'ioredis';

export interface LoginThrottleSettings {
  maxFailuresPerClient: number;
  freeFailuresPerAccount: number;
  delayBaseSeconds: number;
  delayMaxSeconds: number;
  failureWindowSeconds: number;
  knownClientDays: number;
}

export type LoginAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes one attempt before the password is checked, atomically, so parallel requests cannot all see
 * a count below the limit. Every attempt is counted as a failure up front and given back on success.
 *
 * KEYS: 1 per (account, address) counter, 2 per-account hash {failures, next}, 3 known-address marker.
 * ARGV: now ms, max per client, free per account, base delay ms, max delay ms, window ms.
 * Returns {1, 0} when admitted, {0, retry-after ms} when not.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local perClient = tonumber(redis.call('GET', KEYS[1]) or '0')
if perClient >= tonumber(ARGV[2]) then
  return {0, math.max(redis.call('PTTL', KEYS[1]), 1)}
end
local known = redis.call('EXISTS', KEYS[3]) == 1
local nextAt = tonumber(redis.call('HGET', KEYS[2], 'next') or '0')
if not known and now < nextAt then
  return {0, nextAt - now}
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
local failures = redis.call('HINCRBY', KEYS[2], 'failures', 1)
local free = tonumber(ARGV[3])
if failures >= free then
  local wait = math.min(tonumber(ARGV[4]) * (2 ^ (failures - free)), tonumber(ARGV[5]))
  redis.call('HSET', KEYS[2], 'next', now + wait)
end
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return {1, 0}
`;

/** A successful login: the address is cleared and becomes known; the attempt is given back to the account. */
const SUCCEED = `
redis.call('DEL', KEYS[1])
if redis.call('HINCRBY', KEYS[2], 'failures', -1) <= 0 then redis.call('DEL', KEYS[2]) end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[1])
return 1
`;

/**
 * Login throttling shared by every replica (Redis), built so an attacker can neither guess fast nor
 * lock the owner out:
 *
 * - per account and client address, a hard limit per window: one address guesses at most
 *   `maxFailuresPerClient` passwords of one account per window;
 * - per account, from any address, `freeFailuresPerAccount` failures, then each attempt must wait
 *   a delay that doubles with every failure, capped at `delayMaxSeconds`: spread over many
 *   addresses, guessing stays slow, but the account is never locked, only slowed;
 * - an address the owner has signed in from is exempt from the per-account wait (not from its own
 *   limit), so failures from elsewhere cannot keep the owner out.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly settings: LoginThrottleSettings,
  ) {}

  private keys(email: string, client: string): string[] {
    // The email in a hash tag would put one account's keys on one cluster slot; a single Redis needs nothing.
    return [
      `user-service:login:client:${email}:${client}`,
      `user-service:login:account:${email}`,
      `user-service:login:known:${email}:${client}`,
    ];
  }

  /** Takes an attempt, or says how long to wait. Call before checking the password. */
  async admit(email: string, client: string, now = Date.now()): Promise<LoginAdmission> {
    const s = this.settings;
    const [allowed, waitMs] = (await this.redis.eval(
      ADMIT,
      3,
      ...this.keys(email, client),
      now,
      s.maxFailuresPerClient,
      s.freeFailuresPerAccount,
      s.delayBaseSeconds * 1_000,
      s.delayMaxSeconds * 1_000,
      s.failureWindowSeconds * 1_000,
    )) as [number, number];
    return allowed === 1
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1_000)) };
  }

  async succeeded(email: string, client: string): Promise<void> {
    await this.redis.eval(
      SUCCEED,
      3,
      ...this.keys(email, client),
      this.settings.knownClientDays * 86_400_000,
    );
  }
}
