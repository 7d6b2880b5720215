import {
  isIdempotent,
  isTransient,
  nextAttemptDelay,
  parseRetryAfter,
  retryDelay,
  type RetryPlan,
} from './retry-policy';

describe('retryDelay', () => {
  it('doubles per attempt, between half and all of the step', () => {
    expect(retryDelay(1, 100, () => 0)).toBe(50);
    expect(retryDelay(1, 100, () => 1)).toBe(100);
    expect(retryDelay(2, 100, () => 0)).toBe(100);
    expect(retryDelay(2, 100, () => 1)).toBe(200);
  });
});

describe('isTransient', () => {
  it('is true for a dropped connection and 502/503/504 only', () => {
    expect(isTransient({ reason: 'network_error' })).toBe(true);
    for (const status of [502, 503, 504]) expect(isTransient({ reason: 'server_error', status })).toBe(true);
    expect(isTransient({ reason: 'server_error', status: 500 })).toBe(false);
    expect(isTransient({ reason: 'server_error', status: 429 })).toBe(false);
    expect(isTransient({ reason: 'bad_response', status: 400 })).toBe(false);
    expect(isTransient({ reason: 'timeout' })).toBe(false);
    expect(isTransient({ reason: 'rejected' })).toBe(false);
  });
});

describe('isIdempotent', () => {
  it('knows GET, PUT and DELETE may be repeated and POST and PATCH may not', () => {
    expect(['get', 'HEAD', 'PUT', 'DELETE'].every(isIdempotent)).toBe(true);
    expect(isIdempotent('POST')).toBe(false);
    expect(isIdempotent('PATCH')).toBe(false);
  });
});

describe('nextAttemptDelay', () => {
  const plan: RetryPlan = { retries: 2, backoffMs: 100, maxDelayMs: 1_000, idempotent: true };
  const unavailable = { reason: 'server_error' as const, status: 503 };
  const half = () => 0;

  it('retries a transient failure while the budget lasts', () => {
    expect(nextAttemptDelay(unavailable, 1, plan, true, half)).toBe(50);
    expect(nextAttemptDelay(unavailable, 2, plan, true, half)).toBe(100);
    expect(nextAttemptDelay(unavailable, 3, plan, true, half)).toBeUndefined();
  });

  it('never retries a call unsafe to repeat, a permanent failure, or through a breaker that is not closed', () => {
    expect(nextAttemptDelay(unavailable, 1, { ...plan, idempotent: false }, true)).toBeUndefined();
    expect(nextAttemptDelay({ reason: 'bad_response', status: 404 }, 1, plan, true)).toBeUndefined();
    expect(nextAttemptDelay(unavailable, 1, plan, false)).toBeUndefined();
  });

  it("waits at least the upstream's Retry-After, and gives up when it asks for more than the limit", () => {
    expect(nextAttemptDelay({ ...unavailable, retryAfterMs: 700 }, 1, plan, true, half)).toBe(700);
    expect(nextAttemptDelay({ ...unavailable, retryAfterMs: 5_000 }, 1, plan, true, half)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
