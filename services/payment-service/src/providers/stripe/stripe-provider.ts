import Stripe from 'stripe';
import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentState,
  RefundOutcome,
  RefundRequest,
} from '../payment-provider';
import {
  outcomeOfError,
  outcomeOfIntent,
  stateOfIntent,
  type IntentLike,
  type StripeErrorLike,
} from './stripe-outcome';

export interface StripeProviderOptions {
  apiKey: string;
  /** e.g. http://127.0.0.1:12111 for stripe-mock; Stripe's own API when absent. */
  apiBase?: string;
  timeoutMs: number;
}

export function createStripeClient(options: StripeProviderOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  return new Stripe(options.apiKey, {
    timeout: options.timeoutMs,
    // The SDK retries network failures with the same idempotency key; our own retries do the rest.
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

const refundOutcomeOf = (refund: Stripe.Refund): RefundOutcome => {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', providerRef: refund.id };
    case 'pending':
    case 'requires_action':
      return { status: 'pending', providerRef: refund.id };
    case 'failed':
    case 'canceled':
    case null:
      return { status: 'failed', code: refund.failure_reason ?? refund.status ?? 'refund_failed' };
    default:
      return { status: 'failed', code: refund.failure_reason ?? refund.status };
  }
};

/**
 * Charges through Stripe PaymentIntents, confirmed at once with the order's PaymentMethod and
 * captured automatically. Every call carries an idempotency key, so Stripe answers a retry with the
 * first result instead of charging again.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;

  constructor(private readonly stripe: Stripe) {}

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount.amount,
          currency: request.amount.currency.toLowerCase(),
          payment_method: request.paymentMethod,
          confirm: true,
          // No redirect-based methods: a backend charge has nowhere to send the customer.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          metadata: { orderId: request.orderId, paymentId: request.paymentId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return outcomeOfIntent(intent as unknown as IntentLike);
    } catch (error) {
      const outcome = outcomeOfError(error as StripeErrorLike);
      if (outcome) return outcome;
      throw error;
    }
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: request.providerRef,
          amount: request.amount.amount,
          metadata: { refundId: request.refundId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return refundOutcomeOf(refund);
    } catch (error) {
      const outcome = outcomeOfError(error as StripeErrorLike);
      if (outcome)
        return {
          status: 'failed',
          code:
            outcome.status === 'succeeded' || outcome.status === 'pending' ? 'refund_failed' : outcome.code,
        };
      throw error;
    }
  }

  async retrieve(providerRef: string): Promise<ProviderPaymentState> {
    try {
      const intent = await this.stripe.paymentIntents.retrieve(providerRef, { expand: ['latest_charge'] });
      return stateOfIntent(intent as unknown as IntentLike);
    } catch (error) {
      const stripeError = error as StripeErrorLike;
      if (stripeError.type === 'StripeInvalidRequestError' && stripeError.statusCode === 404)
        return { status: 'not_found', amountRefunded: 0 };
      throw error;
    }
  }
}
