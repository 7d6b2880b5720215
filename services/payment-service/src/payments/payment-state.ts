import { assertUnreachable } from '@ecommerce/http';

/**
 * The life of a payment. PENDING from the moment the authorize command is accepted (the row exists
 * before the provider is called, so nothing can charge without a record) until the provider answers.
 */
export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

export type FailureReason = 'DECLINED' | 'FRAUD_SUSPECTED' | 'PROVIDER_ERROR';

/** Facts that move a payment; each comes from the provider (charge answer, webhook, reconciliation). */
export type PaymentFact =
  | { type: 'charge_succeeded' }
  | { type: 'charge_failed'; reason: FailureReason; code: string }
  | { type: 'refund_succeeded'; amount: number };

export interface PaymentState {
  status: PaymentStatus;
  amount: number;
  refundedAmount: number;
}

export type Transition =
  /** The fact changes the payment: write `next` and publish what it implies. */
  | { kind: 'apply'; next: PaymentState }
  /** The payment already reflects the fact (a redelivery, a webhook after the synchronous answer). */
  | { kind: 'already'; next: PaymentState }
  /** The fact contradicts the payment; nothing changes. */
  | { kind: 'refused'; reason: string };

const apply = (next: PaymentState): Transition => ({ kind: 'apply', next });
const already = (state: PaymentState): Transition => ({ kind: 'already', next: state });
const refused = (reason: string): Transition => ({ kind: 'refused', reason });

/** Pure: the only place that decides whether a payment may change, and into what. */
export function transition(state: PaymentState, fact: PaymentFact): Transition {
  switch (fact.type) {
    case 'charge_succeeded':
      switch (state.status) {
        case 'PENDING':
          return apply({ ...state, status: 'SUCCEEDED' });
        // The provider took the money after we recorded a failure: the record must say so, and the
        // success is published so the order can refund it.
        case 'FAILED':
          return apply({ ...state, status: 'SUCCEEDED' });
        case 'SUCCEEDED':
        case 'REFUNDED':
          return already(state);
        default:
          return assertUnreachable(state.status);
      }
    case 'charge_failed':
      switch (state.status) {
        case 'PENDING':
          return apply({ ...state, status: 'FAILED' });
        case 'FAILED':
          return already(state);
        case 'SUCCEEDED':
        case 'REFUNDED':
          return refused(`a ${state.status} payment cannot fail`);
        default:
          return assertUnreachable(state.status);
      }
    case 'refund_succeeded': {
      if (!Number.isSafeInteger(fact.amount) || fact.amount <= 0)
        return refused('a refund must be a positive amount');
      if (state.status !== 'SUCCEEDED') return refused(`a ${state.status} payment cannot be refunded`);
      const refundedAmount = state.refundedAmount + fact.amount;
      if (refundedAmount > state.amount)
        return refused(
          `a refund of ${fact.amount} exceeds the ${state.amount - state.refundedAmount} that remain`,
        );
      return apply({
        ...state,
        refundedAmount,
        status: refundedAmount === state.amount ? 'REFUNDED' : 'SUCCEEDED',
      });
    }
    default:
      return assertUnreachable(fact);
  }
}

export type RefundDecision =
  | { ok: true; amount: number }
  | {
      ok: false;
      code: 'PAYMENT_NOT_REFUNDABLE' | 'REFUND_EXCEEDS_REMAINING' | 'NOTHING_TO_REFUND';
      remaining: number;
    };

/**
 * Whether a new refund may start. `committed` counts refunds that succeeded or are still in flight,
 * so two refunds started at once cannot together exceed the payment. Without `requested`, the rest.
 */
export function decideRefund(state: PaymentState, committed: number, requested?: number): RefundDecision {
  const remaining = Math.max(0, state.amount - committed);
  if (state.status !== 'SUCCEEDED' && state.status !== 'REFUNDED')
    return { ok: false, code: 'PAYMENT_NOT_REFUNDABLE', remaining };
  if (remaining === 0) return { ok: false, code: 'NOTHING_TO_REFUND', remaining };
  const amount = requested ?? remaining;
  if (amount > remaining) return { ok: false, code: 'REFUND_EXCEEDS_REMAINING', remaining };
  return { ok: true, amount };
}
