/**
 * Delay before retry number `attempt` (1 = first retry): doubles from `baseMs`, with the upper half
 * drawn at random so replicas that failed together do not retry in lockstep.
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whether another attempt is worth it: only transient failures, and never through an open breaker. */
export function shouldRetry(
  failure: { retryable: boolean },
  attemptsMade: number,
  maxRetries: number,
  breakerOpen: boolean,
): boolean {
  return failure.retryable && !breakerOpen && attemptsMade <= maxRetries;
}
