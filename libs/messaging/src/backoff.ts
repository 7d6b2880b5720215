/** Exponential backoff bounds. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): doubles from `initialMs` up to `maxMs`,
 * then keeps half of it fixed and draws the other half at random. The random half spreads out
 * replicas that failed together (a broker restart); the fixed half keeps a retry from being instant.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
