import { assertUnreachable } from '@ecommerce/http';
import type { OutgoingEvent } from '@ecommerce/messaging';
import type { Payment } from './payment';

// Payment events are keyed by the order, so order-service sees one order's answers in order.

export const succeededEvent = (payment: Payment): OutgoingEvent<'payment.succeeded'> => ({
  type: 'payment.succeeded',
  aggregateId: payment.orderId,
  data: {
    orderId: payment.orderId,
    paymentId: payment.id,
    amount: { ...payment.amount },
    provider: payment.provider,
    providerRef: payment.providerRef ?? '',
  },
});

export const failedEvent = (payment: Payment): OutgoingEvent<'payment.failed'> => ({
  type: 'payment.failed',
  aggregateId: payment.orderId,
  data: {
    orderId: payment.orderId,
    paymentId: payment.id,
    reason: payment.failureReason ?? 'PROVIDER_ERROR',
    ...(payment.failureCode ? { code: payment.failureCode } : {}),
  },
});

export const refundedEvent = (payment: Payment, amount: number): OutgoingEvent<'payment.refunded'> => ({
  type: 'payment.refunded',
  aggregateId: payment.orderId,
  data: {
    orderId: payment.orderId,
    paymentId: payment.id,
    amount: { amount, currency: payment.amount.currency },
  },
});

/** The answer to a repeated authorize command once the charge is decided: the same outcome again. */
export function outcomeEvent(payment: Payment): OutgoingEvent | undefined {
  switch (payment.status) {
    case 'SUCCEEDED':
    case 'REFUNDED':
      return succeededEvent(payment);
    case 'FAILED':
      return failedEvent(payment);
    case 'PENDING':
      return undefined;
    default:
      return assertUnreachable(payment.status);
  }
}
