import { outcomeOf, retryDelayMs } from './retry-schedule';

const schedule = { maxAttempts: 4, baseMs: 1_000, maxMs: 5_000 };

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, schedule, () => 0))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });

  it('takes off at most a fifth as jitter', () => {
    expect(retryDelayMs(2, schedule, () => 1)).toBe(1_600);
    expect(retryDelayMs(2, schedule, () => 0.5)).toBe(1_800);
  });

  it('does not overflow for huge attempt numbers', () => {
    expect(retryDelayMs(10_000, schedule, () => 0)).toBe(5_000);
  });
});

describe('outcomeOf', () => {
  it('is SENT on success', () => {
    expect(outcomeOf({ ok: true }, 4, schedule)).toBe('SENT');
  });

  it('retries a transient failure until the last attempt', () => {
    expect(outcomeOf({ ok: false }, 1, schedule)).toBe('RETRY');
    expect(outcomeOf({ ok: false }, 3, schedule)).toBe('RETRY');
    expect(outcomeOf({ ok: false }, 4, schedule)).toBe('FAILED');
  });

  it('gives up at once on a permanent failure', () => {
    expect(outcomeOf({ ok: false, permanent: true }, 1, schedule)).toBe('FAILED');
  });
});
