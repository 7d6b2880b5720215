import { backoffDelay } from './backoff';

const policy = { initialMs: 200, maxMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the exponential step', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(100);
    expect(backoffDelay(1, policy, () => 1)).toBe(200);
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(800);
  });

  it('never exceeds maxMs however many attempts failed', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(50, policy, () => 0)).toBe(5_000);
  });

  it('draws the jitter from the random source', () => {
    const delays = new Set([0.1, 0.5, 0.9].map((r) => backoffDelay(4, policy, () => r)));
    expect(delays.size).toBe(3);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1_600);
    }
  });

  it('treats attempt 0 like the first retry', () => {
    expect(backoffDelay(0, policy, () => 1)).toBe(200);
  });
});
