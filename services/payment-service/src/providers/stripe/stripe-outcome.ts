import type { ChargeOutcome, ProviderPaymentState } from '../payment-provider';

/** The parts of a PaymentIntent this service reads. */
export interface IntentLike {
  id: string;
  status: string;
  last_payment_error?: { code?: string; decline_code?: string } | null;
  latest_charge?: string | { amount_refunded?: number; outcome?: { type?: string } | null } | null;
}

/** The parts of a Stripe error this service reads. */
export interface StripeErrorLike {
  type?: string;
  code?: string;
  decline_code?: string;
  statusCode?: number;
  payment_intent?: { id?: string } | null;
}

const specific = (declineCode?: string) =>
  declineCode && declineCode !== 'generic_decline' ? declineCode : undefined;

const riskBlocked = (declineCode?: string, outcomeType?: string) =>
  outcomeType === 'blocked' || declineCode === 'fraudulent';

/** Pure: a confirmed PaymentIntent as a charge outcome. */
export function outcomeOfIntent(intent: IntentLike): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', providerRef: intent.id };
    case 'processing':
      return { status: 'pending', providerRef: intent.id };
    // A backend charge cannot show a 3-D Secure challenge: the order must be paid with another card.
    case 'requires_action':
      return { status: 'declined', providerRef: intent.id, code: 'authentication_required' };
    default: {
      const error = intent.last_payment_error;
      const outcomeType =
        typeof intent.latest_charge === 'object' ? intent.latest_charge?.outcome?.type : undefined;
      if (riskBlocked(error?.decline_code, outcomeType))
        return { status: 'blocked', providerRef: intent.id, code: 'fraud_provider_risk' };
      return {
        status: 'declined',
        providerRef: intent.id,
        code: specific(error?.decline_code) ?? error?.code ?? intent.status,
      };
    }
  }
}

/**
 * Pure: a thrown Stripe error as a charge outcome, or undefined when it is transient (network,
 * 5xx, rate limit, idempotency conflict of a concurrent retry, bad credentials) and must be retried
 * with the same key.
 */
export function outcomeOfError(error: StripeErrorLike): ChargeOutcome | undefined {
  const providerRef = error.payment_intent?.id ?? null;
  if (error.type === 'StripeCardError') {
    if (riskBlocked(error.decline_code))
      return { status: 'blocked', providerRef, code: 'fraud_provider_risk' };
    return {
      status: 'declined',
      providerRef,
      code: specific(error.decline_code) ?? error.code ?? 'card_declined',
    };
  }
  if (
    error.type === 'StripeInvalidRequestError' &&
    error.statusCode !== undefined &&
    error.statusCode < 500 &&
    error.statusCode !== 409 &&
    error.statusCode !== 429
  ) {
    return { status: 'rejected', providerRef, code: error.code ?? 'invalid_request' };
  }
  return undefined;
}

/** Pure: a retrieved PaymentIntent for the reconciliation. */
export function stateOfIntent(intent: IntentLike): ProviderPaymentState {
  const amountRefunded =
    typeof intent.latest_charge === 'object' ? (intent.latest_charge?.amount_refunded ?? 0) : 0;
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', amountRefunded };
    case 'processing':
    case 'requires_confirmation':
    case 'requires_capture':
      return { status: 'pending', amountRefunded };
    default:
      return {
        status: 'failed',
        amountRefunded,
        code:
          specific(intent.last_payment_error?.decline_code) ??
          intent.last_payment_error?.code ??
          intent.status,
      };
  }
}
