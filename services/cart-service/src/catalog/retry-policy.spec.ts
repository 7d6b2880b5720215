import { retryDelay, shouldRetry } from './retry-policy';

describe('retryDelay', () => {
  it('doubles per attempt, between half and all of the step', () => {
    expect(retryDelay(1, 100, () => 0)).toBe(50);
    expect(retryDelay(1, 100, () => 1)).toBe(100);
    expect(retryDelay(2, 100, () => 0)).toBe(100);
    expect(retryDelay(2, 100, () => 1)).toBe(200);
  });

  it('is zero when no backoff is configured', () => {
    expect(retryDelay(2, 0)).toBe(0);
  });
});

describe('shouldRetry', () => {
  const transient = { retryable: true };

  it('retries a transient failure while attempts remain', () => {
    expect(shouldRetry(transient, 1, 1, false)).toBe(true);
    expect(shouldRetry(transient, 2, 1, false)).toBe(false);
    expect(shouldRetry(transient, 1, 0, false)).toBe(false);
  });

  it('never retries a permanent failure or through an open breaker', () => {
    expect(shouldRetry({ retryable: false }, 1, 2, false)).toBe(false);
    expect(shouldRetry(transient, 1, 2, true)).toBe(false);
  });
});
