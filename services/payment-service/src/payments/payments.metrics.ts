import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const paymentsTotal = metric(
  'payments_total',
  () =>
    new Counter({
      name: 'payments_total',
      help: 'Payments decided, by outcome (succeeded, failed) and reason (the failure reason, or none)',
      labelNames: ['outcome', 'reason'] as const,
    }),
);

export const fraudBlocksTotal = metric(
  'payments_fraud_blocks_total',
  () =>
    new Counter({
      name: 'payments_fraud_blocks_total',
      help: 'Payments blocked as fraud, by rule (fraud_amount_limit, fraud_velocity_limit, fraud_provider_risk)',
      labelNames: ['rule'] as const,
    }),
);

export const refundsTotal = metric(
  'payments_refunds_total',
  () =>
    new Counter({
      name: 'payments_refunds_total',
      help: 'Refunds finished, by source (command, admin, provider) and outcome (succeeded, failed)',
      labelNames: ['source', 'outcome'] as const,
    }),
);

export const duplicateCommandsTotal = metric(
  'payments_duplicate_authorizations_total',
  () =>
    new Counter({
      name: 'payments_duplicate_authorizations_total',
      help: 'Authorize commands for an order that already had a decided payment, answered again without charging',
    }),
);
