import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const webhookEventsTotal = metric(
  'payments_webhook_events_total',
  () =>
    new Counter({
      name: 'payments_webhook_events_total',
      help: 'Stripe webhook deliveries, by outcome (applied, unchanged, duplicate, ignored, unknown_payment, bad_signature)',
      labelNames: ['outcome'] as const,
    }),
);
