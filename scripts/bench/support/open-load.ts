/**
 * An open-model load generator: arrivals at a fixed rate that never wait for answers, so a slow
 * system builds a queue (and shows it in its latencies) instead of slowing the generator down.
 * Latency is measured from each request's scheduled time, not from when it was actually sent, so
 * the generator's own delays are charged to the system rather than hidden; the schedule lag is
 * reported separately to prove the generator kept up.
 */
export interface Arrival<T> {
  index: number;
  scheduledAt: number;
  sentAt: number;
  finishedAt: number;
  outcome: T;
}

export interface OpenLoadResult<T> {
  arrivals: Arrival<T>[];
  /** How late the generator sent requests behind their schedule (ms). */
  scheduleLag: { p50: number; p99: number; max: number };
  elapsedMs: number;
}

const TICK_MS = 2;

export async function openLoad<T>(
  rate: number,
  seconds: number,
  fire: (index: number) => Promise<T>,
): Promise<OpenLoadResult<T>> {
  const total = Math.round(rate * seconds);
  const interval = 1_000 / rate;
  const started = performance.now();
  const arrivals: Promise<Arrival<T>>[] = [];
  const lags: number[] = [];
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && started + next * interval <= now) {
      const index = next++;
      const scheduledAt = started + index * interval;
      const sentAt = performance.now();
      lags.push(sentAt - scheduledAt);
      arrivals.push(
        fire(index).then((outcome) => ({
          index,
          scheduledAt,
          sentAt,
          finishedAt: performance.now(),
          outcome,
        })),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const settled = await Promise.all(arrivals);
  lags.sort((a, b) => a - b);
  return {
    arrivals: settled,
    scheduleLag: { p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags.at(-1) ?? 0 },
    elapsedMs: performance.now() - started,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
