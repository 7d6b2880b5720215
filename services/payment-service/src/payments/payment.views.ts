import type { Money } from '@ecommerce/contracts';
import type { Payment } from './payment';

/** A payment as API.md shows it. The payment method and provider idempotency key stay inside. */
export interface PaymentView {
  id: string;
  orderId: string;
  amount: Money;
  refunded: Money;
  status: Payment['status'];
  provider: Payment['provider'];
  failureReason?: string;
  failureCode?: string;
  createdAt: string;
  updatedAt: string;
}

export const toPaymentView = (payment: Payment): PaymentView => ({
  id: payment.id,
  orderId: payment.orderId,
  amount: { ...payment.amount },
  refunded: { amount: payment.refundedAmount, currency: payment.amount.currency },
  status: payment.status,
  provider: payment.provider,
  ...(payment.failureReason ? { failureReason: payment.failureReason } : {}),
  ...(payment.failureCode ? { failureCode: payment.failureCode } : {}),
  createdAt: payment.createdAt.toISOString(),
  updatedAt: payment.updatedAt.toISOString(),
});
