/**
 * A Redis read on a search's path must never be slower than the search it serves: one that does not
 * answer within this budget is given up (the cache or the facet names of that one answer), never waited for.
 */
export const REDIS_BUDGET_MS = 150;

/** `work`, or a rejection once `ms` have passed. */
export function within<T>(work: Promise<T>, ms = REDIS_BUDGET_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
