import type { Money } from '@ecommerce/contracts';

export type ProviderName = 'stripe' | 'sandbox';

export interface ChargeRequest {
  /** Derived from the order: every attempt to charge one order, on any replica, sends the same key. */
  idempotencyKey: string;
  paymentId: string;
  orderId: string;
  amount: Money;
  /** A provider token (`pm_...`), never a card number. */
  paymentMethod: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; providerRef: string }
  /** The issuer or the provider declined the card (`card_declined`, `insufficient_funds`, ...). */
  | { status: 'declined'; providerRef: string | null; code: string }
  /** The provider's risk check blocked the payment. */
  | { status: 'blocked'; providerRef: string | null; code: string }
  /** The provider refused the request for good (unknown payment method, bad parameters). */
  | { status: 'rejected'; providerRef: string | null; code: string }
  /** Not decided yet (e.g. `processing`); a webhook or the reconciliation finishes it. */
  | { status: 'pending'; providerRef: string };

export interface RefundRequest {
  /** Derived from the refund's id, so a retried refund never pays back twice. */
  idempotencyKey: string;
  refundId: string;
  providerRef: string;
  amount: Money;
}

export type RefundOutcome =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'failed'; code: string }
  | { status: 'pending'; providerRef: string };

/** What the provider says about one payment, for the reconciliation. */
export interface ProviderPaymentState {
  status: 'succeeded' | 'failed' | 'pending' | 'not_found';
  amountRefunded: number;
  code?: string;
}

/**
 * A payment provider. Every call is idempotent by its key: asking again after a timeout or a crash
 * returns the first answer instead of charging or refunding again. Transient failures (network,
 * timeouts, 5xx, rate limits) throw, so the caller retries with the same key.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
  retrieve(providerRef: string): Promise<ProviderPaymentState>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

export const chargeIdempotencyKey = (orderId: string): string => `charge:${orderId}`;
export const refundIdempotencyKey = (refundId: string): string => `refund:${refundId}`;
