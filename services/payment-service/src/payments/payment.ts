import type { Money } from '@ecommerce/contracts';
import type { ProviderName } from '../providers/payment-provider';
import type { FailureReason, PaymentState, PaymentStatus } from './payment-state';

export interface Payment {
  id: string;
  orderId: string;
  userId: string;
  amount: Money;
  refundedAmount: number;
  status: PaymentStatus;
  /** The provider token, or the redacted form of a refused card number. */
  paymentMethod: string;
  provider: ProviderName;
  providerRef: string | null;
  idempotencyKey: string;
  failureReason: FailureReason | null;
  failureCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const stateOf = (payment: Payment): PaymentState => ({
  status: payment.status,
  amount: payment.amount.amount,
  refundedAmount: payment.refundedAmount,
});
