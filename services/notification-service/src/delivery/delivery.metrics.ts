import { Counter, Gauge } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const notificationsSent = metric(
  'notifications_sent_total',
  () =>
    new Counter({
      name: 'notifications_sent_total',
      help: 'Notifications delivered, by channel, template and transport (sendgrid, log, in_app)',
      labelNames: ['channel', 'template', 'transport'] as const,
    }),
);

export const notificationsFailed = metric(
  'notifications_failed_total',
  () =>
    new Counter({
      name: 'notifications_failed_total',
      help: 'Notifications given up on (a permanent error or the last attempt failed), by channel and template',
      labelNames: ['channel', 'template'] as const,
    }),
);

export const deliveryAttempts = metric(
  'notification_delivery_attempts_total',
  () =>
    new Counter({
      name: 'notification_delivery_attempts_total',
      help: 'Delivery attempts, by channel, transport and outcome (SENT, RETRY, FAILED)',
      labelNames: ['channel', 'transport', 'outcome'] as const,
    }),
);

export const dispatcherBacklog = metric(
  'notification_dispatcher_backlog',
  () =>
    new Gauge({
      name: 'notification_dispatcher_backlog',
      help: 'Notifications PENDING (due now or waiting for a retry), as the dispatcher last counted them',
    }),
);
