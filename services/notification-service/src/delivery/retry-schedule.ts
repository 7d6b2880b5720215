export interface RetrySchedule {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Wait after failed attempt number `attempt` (1-based): base, 2x base, 4x base, ... capped at max,
 * less up to a fifth at random so replicas retrying after one outage do not hit SendGrid in step.
 */
export function retryDelayMs(
  attempt: number,
  schedule: RetrySchedule,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential * (1 - 0.2 * random()));
}

export type AttemptOutcome = 'SENT' | 'RETRY' | 'FAILED';

/** What one attempt makes of the notification: delivered, another try later, or given up. */
export function outcomeOf(
  result: { ok: boolean; permanent?: boolean },
  attempt: number,
  schedule: RetrySchedule,
): AttemptOutcome {
  if (result.ok) return 'SENT';
  if (result.permanent || attempt >= schedule.maxAttempts) return 'FAILED';
  return 'RETRY';
}
