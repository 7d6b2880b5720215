import { Histogram } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const providerCallDuration = metric(
  'payments_provider_call_duration_seconds',
  () =>
    new Histogram({
      name: 'payments_provider_call_duration_seconds',
      help: 'Calls to the payment provider, by provider, operation (charge, refund, retrieve) and outcome (error when it threw)',
      labelNames: ['provider', 'operation', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
);
