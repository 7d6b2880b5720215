import type { UpstreamFailure } from './upstream.errors';

// RFC 9110's idempotent methods: sending one twice has the effect of sending it once.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

// The answers that say "not now" rather than "no": a gateway without a healthy backend, an
// overloaded service. A 500 is a bug that would come back the same.
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.has(method.toUpperCase());

/** What one failed attempt tells the retry decision. */
export interface AttemptFailure {
  reason: UpstreamFailure;
  status?: number;
  retryAfterMs?: number;
}

export interface RetryPlan {
  /** Extra attempts after the first. */
  retries: number;
  backoffMs: number;
  /** The longest pause worth waiting; an upstream asking for more is not retried. */
  maxDelayMs: number;
  idempotent: boolean;
}

/**
 * Delay before retry number `attempt` (1 = first retry): doubles from `baseMs`, with the upper half
 * drawn at random so replicas that failed together do not retry in lockstep.
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Only a refused or dropped connection and a 502/503/504 are retried. A timeout is not: the upstream
 * may still be working on the first attempt, and a slow service is made slower by more load.
 */
export const isTransient = (failure: AttemptFailure): boolean =>
  failure.reason === 'network_error' ||
  (failure.status !== undefined && TRANSIENT_STATUSES.has(failure.status));

/**
 * How long to wait before the next attempt, or undefined when there should be none: not for a call
 * that is unsafe to repeat, not past the retry budget, not through a breaker that is no longer closed.
 * The upstream's Retry-After is a floor on the pause.
 */
export function nextAttemptDelay(
  failure: AttemptFailure,
  attemptsMade: number,
  plan: RetryPlan,
  breakerClosed: boolean,
  random: () => number = Math.random,
): number | undefined {
  if (!plan.idempotent || !breakerClosed || attemptsMade > plan.retries || !isTransient(failure)) {
    return undefined;
  }
  const delay = Math.max(retryDelay(attemptsMade, plan.backoffMs, random), failure.retryAfterMs ?? 0);
  return delay <= plan.maxDelayMs ? delay : undefined;
}

/** A Retry-After header (delay-seconds or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
