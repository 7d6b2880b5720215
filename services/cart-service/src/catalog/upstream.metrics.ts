import { metric } from '@ecommerce/observability';
import { upstreamMetrics } from '@ecommerce/http';
import { Counter } from 'prom-client';

export const cartUpstreamMetrics = upstreamMetrics();

export const staleAnswers = metric(
  'cart_stale_answers_total',
  () =>
    new Counter({
      name: 'cart_stale_answers_total',
      help: 'Cart lines answered from the last known value because an upstream was unavailable',
      labelNames: ['data'] as const,
    }),
);
