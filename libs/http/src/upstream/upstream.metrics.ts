import { metric } from '@ecommerce/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { BreakerState } from './circuit-breaker';
import type { UpstreamFailure } from './upstream.errors';

/** How one attempt ended; `rejected` means the open breaker answered without calling. */
export type UpstreamOutcome = 'success' | 'not_found' | UpstreamFailure;

export const BREAKER_STATES: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** One service's metrics of its calls to others, labelled by upstream. */
export interface UpstreamMetrics {
  calls: Counter<'upstream' | 'outcome'>;
  duration: Histogram<'upstream'>;
  breakerState: Gauge<'upstream'>;
  /** Reports this upstream's breaker state at every scrape; a newer client of the same name replaces it. */
  watch(upstream: string, state: () => BreakerState): void;
}

// Read at scrape time: an open breaker turns half-open by the clock, with no call to record it.
const watched = new Map<string, () => BreakerState>();
let shared: UpstreamMetrics | undefined;

/**
 * `upstream_calls_total{upstream,outcome}` (one per attempt), `upstream_call_duration_seconds{upstream}`
 * and `upstream_breaker_state{upstream}` (0 closed, 1 half-open, 2 open): one family for every
 * service, told apart by the `service` label Prometheus puts on each target, so one dashboard panel
 * and one alert cover them all.
 */
export function upstreamMetrics(): UpstreamMetrics {
  shared ??= {
    calls: metric(
      'upstream_calls_total',
      () =>
        new Counter({
          name: 'upstream_calls_total',
          help: 'Calls to other services, by upstream and outcome (one per attempt)',
          labelNames: ['upstream', 'outcome'] as const,
        }),
    ),
    duration: metric(
      'upstream_call_duration_seconds',
      () =>
        new Histogram({
          name: 'upstream_call_duration_seconds',
          help: 'Duration of calls to other services that reached the network',
          labelNames: ['upstream'] as const,
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        }),
    ),
    breakerState: metric(
      'upstream_breaker_state',
      () =>
        new Gauge({
          name: 'upstream_breaker_state',
          help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open',
          labelNames: ['upstream'] as const,
          collect() {
            for (const [upstream, state] of watched) this.set({ upstream }, BREAKER_STATES[state()]);
          },
        }),
    ),
    watch: (upstream, state) => {
      watched.set(upstream, state);
    },
  };
  return shared;
}
