import { Counter, Gauge, Histogram } from 'prom-client';

/** How each upstream call ended; `rejected` means the open breaker answered without calling. */
export type UpstreamOutcome =
  'success' | 'not_found' | 'server_error' | 'timeout' | 'network_error' | 'bad_response' | 'rejected';

export const BREAKER_STATES = { closed: 0, half_open: 1, open: 2 } as const;
export type BreakerState = keyof typeof BREAKER_STATES;

export const breakerStateGauge = new Gauge({
  name: 'cart_upstream_breaker_state',
  help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open',
  labelNames: ['upstream'] as const,
});

export const upstreamCalls = new Counter({
  name: 'cart_upstream_calls_total',
  help: 'Calls to product-service and inventory-service, by outcome (one per attempt)',
  labelNames: ['upstream', 'outcome'] as const,
});

export const upstreamCallDuration = new Histogram({
  name: 'cart_upstream_call_duration_seconds',
  help: 'Duration of calls to upstream services that reached the network',
  labelNames: ['upstream'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const staleAnswers = new Counter({
  name: 'cart_stale_answers_total',
  help: 'Cart lines answered from the last known value because an upstream was unavailable',
  labelNames: ['data'] as const,
});
