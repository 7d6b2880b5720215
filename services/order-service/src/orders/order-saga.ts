import type { CancellationReason, Money, OrderStatus } from '@ecommerce/contracts';

/**
 * The checkout saga as a pure state machine: (saga snapshot, event) -> decision. No I/O, no clock:
 * the caller loads the order FOR UPDATE, asks `decide`, then persists the next snapshot and turns
 * the commands into outbox rows in the same transaction.
 *
 * PENDING --reserved--> AWAITING_PAYMENT --payment succeeded--> CONFIRMED --ship--> SHIPPED
 *    |                      |                                       |
 *    +--(failure, timeout, cancel)--> CANCELLED --refunded--> REFUNDED <--(refund after cancel)--+
 *
 * Compensation runs in reverse order of what was done: payment refunded, stock released.
 */

export type PaymentStatus = 'SUCCEEDED' | 'FAILED' | 'REFUND_REQUESTED' | 'REFUNDED';
export type PaymentFailureReason = 'DECLINED' | 'FRAUD_SUSPECTED' | 'PROVIDER_ERROR';
export type SagaStep = 'reservation' | 'payment';

export interface SagaPayment {
  id: string;
  status: PaymentStatus;
  /** What was charged; null when the payment never succeeded. */
  amount: Money | null;
}

export interface SagaSnapshot {
  status: OrderStatus;
  cancellationReason: CancellationReason | null;
  total: Money;
  reservationId: string | null;
  payment: SagaPayment | null;
  /** Minor units refunded so far. */
  refunded: number;
}

export type SagaEvent =
  | { type: 'RESERVED'; reservationId: string }
  | { type: 'RESERVATION_FAILED' }
  | { type: 'PAYMENT_SUCCEEDED'; paymentId: string; amount: Money }
  | { type: 'PAYMENT_FAILED'; paymentId: string; reason: PaymentFailureReason }
  | { type: 'PAYMENT_REFUNDED'; paymentId: string; amount: Money }
  | { type: 'STEP_TIMED_OUT' }
  | { type: 'CANCEL_REQUESTED' }
  | { type: 'SHIP_REQUESTED' };

export type SagaEventType = SagaEvent['type'];

export const SAGA_EVENT_TYPES: readonly SagaEventType[] = [
  'RESERVED',
  'RESERVATION_FAILED',
  'PAYMENT_SUCCEEDED',
  'PAYMENT_FAILED',
  'PAYMENT_REFUNDED',
  'STEP_TIMED_OUT',
  'CANCEL_REQUESTED',
  'SHIP_REQUESTED',
];

export type OrderNotice = 'order.confirmed' | 'order.cancelled' | 'order.shipped' | 'order.refunded';

export type SagaCommand =
  | { type: 'AUTHORIZE_PAYMENT' }
  | { type: 'COMMIT_STOCK'; reservationId: string }
  | { type: 'RELEASE_STOCK'; reservationId: string }
  | { type: 'REFUND_PAYMENT'; paymentId: string; amount: Money }
  | { type: 'PUBLISH'; event: OrderNotice };

export type SagaRejectionCode = 'ORDER_NOT_CANCELLABLE' | 'ORDER_NOT_SHIPPABLE' | 'UNEXPECTED_EVENT';

export type SagaDecision =
  /** Apply: store `next`, send `commands`, append `timeline` (when set). */
  | { kind: 'transition'; next: SagaSnapshot; commands: SagaCommand[]; timeline: string | null }
  /** A repeated or late answer that changes nothing (already applied, or moot now). */
  | { kind: 'ignore'; reason: string }
  /** Illegal here: a user command gets a 409, an event is parked for a person to look at. */
  | { kind: 'reject'; code: SagaRejectionCode; reason: string };

const PAYMENT_CANCELLATION: Record<PaymentFailureReason, CancellationReason> = {
  DECLINED: 'PAYMENT_DECLINED',
  PROVIDER_ERROR: 'PAYMENT_DECLINED',
  FRAUD_SUSPECTED: 'FRAUD_SUSPECTED',
};

/** The step a state waits on, whose deadline the timeout sweeper watches. */
export function stepOf(status: OrderStatus): SagaStep | null {
  if (status === 'PENDING') return 'reservation';
  if (status === 'AWAITING_PAYMENT') return 'payment';
  return null;
}

/** The checkout is over once the order is confirmed or cancelled (shipping and refunds come later). */
export const isCheckoutOver = (status: OrderStatus): boolean =>
  status !== 'PENDING' && status !== 'AWAITING_PAYMENT';

/** No further status change is expected: shipped, refunded, or cancelled with no refund outstanding. */
export function isFinal(snapshot: Pick<SagaSnapshot, 'status' | 'payment'>): boolean {
  if (snapshot.status === 'SHIPPED' || snapshot.status === 'REFUNDED') return true;
  return snapshot.status === 'CANCELLED' && snapshot.payment?.status !== 'REFUND_REQUESTED';
}

const transition = (next: SagaSnapshot, commands: SagaCommand[], timeline: string | null): SagaDecision => ({
  kind: 'transition',
  next,
  commands,
  timeline,
});
const ignore = (reason: string): SagaDecision => ({ kind: 'ignore', reason });
const reject = (code: SagaRejectionCode, reason: string): SagaDecision => ({ kind: 'reject', code, reason });
const unexpected = (s: SagaSnapshot, e: SagaEvent) =>
  reject('UNEXPECTED_EVENT', `${e.type} cannot happen to a ${s.status} order`);

const cancelled = (
  s: SagaSnapshot,
  reason: CancellationReason,
  patch: Partial<SagaSnapshot> = {},
): SagaSnapshot => ({
  ...s,
  ...patch,
  status: 'CANCELLED',
  cancellationReason: reason,
});

const release = (s: SagaSnapshot): SagaCommand[] =>
  s.reservationId ? [{ type: 'RELEASE_STOCK', reservationId: s.reservationId }] : [];

/** A payment that must not be kept (the order is gone, or it is a second charge): give it back. */
function refundUnwanted(
  s: SagaSnapshot,
  e: Extract<SagaEvent, { type: 'PAYMENT_SUCCEEDED' }>,
  why: string,
): SagaDecision {
  if (s.payment?.id === e.paymentId) return ignore('this payment is already known');
  const refund: SagaCommand = { type: 'REFUND_PAYMENT', paymentId: e.paymentId, amount: e.amount };
  const keepsOwnPayment = s.payment !== null && s.payment.status !== 'FAILED';
  // The order's own payment stays the one on record; a stray second charge is only refunded.
  const next = keepsOwnPayment
    ? s
    : { ...s, payment: { id: e.paymentId, status: 'REFUND_REQUESTED' as const, amount: e.amount } };
  return transition(next, [refund], why);
}

/** A stock reservation the order no longer needs (it arrived after the order was cancelled). */
function releaseLateReservation(s: SagaSnapshot, e: Extract<SagaEvent, { type: 'RESERVED' }>): SagaDecision {
  if (s.reservationId === e.reservationId) return ignore('this reservation is already known');
  return transition(
    { ...s, reservationId: e.reservationId },
    [{ type: 'RELEASE_STOCK', reservationId: e.reservationId }],
    'stock was reserved after the order was cancelled; the reservation is released',
  );
}

function pending(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return transition(
        { ...s, status: 'AWAITING_PAYMENT', reservationId: e.reservationId },
        [{ type: 'AUTHORIZE_PAYMENT' }],
        'stock reserved; payment requested',
      );
    case 'RESERVATION_FAILED':
      return transition(
        cancelled(s, 'OUT_OF_STOCK'),
        [{ type: 'PUBLISH', event: 'order.cancelled' }],
        'not enough stock for every line; nothing was charged',
      );
    case 'STEP_TIMED_OUT':
      return transition(
        cancelled(s, 'TIMEOUT'),
        [{ type: 'PUBLISH', event: 'order.cancelled' }],
        'no answer from inventory in time; a reservation that arrives later is released',
      );
    case 'CANCEL_REQUESTED':
      return transition(
        cancelled(s, 'CUSTOMER_CANCELLED'),
        [{ type: 'PUBLISH', event: 'order.cancelled' }],
        'cancelled before stock was reserved',
      );
    case 'SHIP_REQUESTED':
      return reject('ORDER_NOT_SHIPPABLE', 'Only a CONFIRMED order can be shipped.');
    case 'PAYMENT_SUCCEEDED':
    case 'PAYMENT_FAILED':
    case 'PAYMENT_REFUNDED':
      return unexpected(s, e);
  }
}

function awaitingPayment(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return s.reservationId === e.reservationId ? ignore('repeated reservation answer') : unexpected(s, e);
    case 'PAYMENT_SUCCEEDED':
      return transition(
        { ...s, status: 'CONFIRMED', payment: { id: e.paymentId, status: 'SUCCEEDED', amount: e.amount } },
        [
          { type: 'COMMIT_STOCK', reservationId: s.reservationId! },
          { type: 'PUBLISH', event: 'order.confirmed' },
        ],
        'payment succeeded; stock committed',
      );
    case 'PAYMENT_FAILED':
      return transition(
        cancelled(s, PAYMENT_CANCELLATION[e.reason], {
          payment: { id: e.paymentId, status: 'FAILED', amount: null },
        }),
        [...release(s), { type: 'PUBLISH', event: 'order.cancelled' }],
        `payment failed (${e.reason}); stock released`,
      );
    case 'STEP_TIMED_OUT':
      return transition(
        cancelled(s, 'TIMEOUT'),
        [...release(s), { type: 'PUBLISH', event: 'order.cancelled' }],
        'no payment answer in time; stock released, a payment that succeeds later is refunded',
      );
    case 'CANCEL_REQUESTED':
      return transition(
        cancelled(s, 'CUSTOMER_CANCELLED'),
        [...release(s), { type: 'PUBLISH', event: 'order.cancelled' }],
        'cancelled while the payment was pending; stock released, a payment that succeeds later is refunded',
      );
    case 'SHIP_REQUESTED':
      return reject('ORDER_NOT_SHIPPABLE', 'Only a CONFIRMED order can be shipped.');
    case 'RESERVATION_FAILED':
    case 'PAYMENT_REFUNDED':
      return unexpected(s, e);
  }
}

function confirmed(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return ignore('repeated reservation answer');
    case 'RESERVATION_FAILED': {
      // The reservation expired before the payment came back and the stock was gone at commit time:
      // nothing can ship, so the money goes back.
      const payment = s.payment!;
      return transition(
        cancelled(s, 'OUT_OF_STOCK', { payment: { ...payment, status: 'REFUND_REQUESTED' } }),
        [
          { type: 'REFUND_PAYMENT', paymentId: payment.id, amount: payment.amount ?? s.total },
          { type: 'PUBLISH', event: 'order.cancelled' },
        ],
        'the reservation expired before payment and the stock was gone at commit; the payment is refunded',
      );
    }
    case 'PAYMENT_SUCCEEDED':
      return refundUnwanted(s, e, `a second payment ${e.paymentId} for a confirmed order is refunded`);
    case 'PAYMENT_FAILED':
      return ignore('a failed payment attempt after the order was paid changes nothing');
    case 'PAYMENT_REFUNDED':
      return ignore('a refund the saga did not ask for (made by an admin) leaves the order as it is');
    case 'STEP_TIMED_OUT':
      return ignore('the order no longer waits on a step');
    case 'CANCEL_REQUESTED': {
      const payment = s.payment!;
      // Once committed the stock has left the reservation: the release asks inventory to put it back,
      // and the payment is refunded in full.
      return transition(
        cancelled(s, 'CUSTOMER_CANCELLED', { payment: { ...payment, status: 'REFUND_REQUESTED' } }),
        [
          { type: 'REFUND_PAYMENT', paymentId: payment.id, amount: payment.amount ?? s.total },
          ...release(s),
          { type: 'PUBLISH', event: 'order.cancelled' },
        ],
        'cancelled after payment; refund and restock requested',
      );
    }
    case 'SHIP_REQUESTED':
      return transition({ ...s, status: 'SHIPPED' }, [{ type: 'PUBLISH', event: 'order.shipped' }], null);
  }
}

function shipped(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return ignore('repeated reservation answer');
    case 'RESERVATION_FAILED':
      return unexpected(s, e);
    case 'PAYMENT_SUCCEEDED':
      return refundUnwanted(s, e, `a second payment ${e.paymentId} for a shipped order is refunded`);
    case 'PAYMENT_FAILED':
    case 'PAYMENT_REFUNDED':
      return ignore(`${e.type} after shipping changes nothing`);
    case 'STEP_TIMED_OUT':
      return ignore('the order no longer waits on a step');
    case 'CANCEL_REQUESTED':
      return reject('ORDER_NOT_CANCELLABLE', 'A shipped order cannot be cancelled.');
    case 'SHIP_REQUESTED':
      return reject('ORDER_NOT_SHIPPABLE', 'The order has already shipped.');
  }
}

function cancelledState(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return releaseLateReservation(s, e);
    case 'RESERVATION_FAILED':
      return ignore('the order is already cancelled');
    case 'PAYMENT_SUCCEEDED':
      return refundUnwanted(
        s,
        e,
        `payment ${e.paymentId} succeeded after the order was cancelled (${s.cancellationReason}); it is refunded`,
      );
    case 'PAYMENT_FAILED':
      // A payment that gave up after the saga did: worth recording, nothing to undo.
      return s.payment
        ? ignore('the order is already cancelled')
        : transition({ ...s, payment: { id: e.paymentId, status: 'FAILED', amount: null } }, [], null);
    case 'PAYMENT_REFUNDED': {
      if (s.payment?.status !== 'REFUND_REQUESTED') return ignore('no refund is outstanding');
      const refunded = s.refunded + e.amount.amount;
      const owed = s.payment.amount?.amount ?? s.total.amount;
      if (refunded < owed)
        return transition(
          { ...s, refunded },
          [],
          `partial refund of ${e.amount.amount} ${e.amount.currency} received`,
        );
      return transition(
        { ...s, status: 'REFUNDED', refunded, payment: { ...s.payment, status: 'REFUNDED' } },
        [{ type: 'PUBLISH', event: 'order.refunded' }],
        'payment refunded in full',
      );
    }
    case 'STEP_TIMED_OUT':
      return ignore('the order no longer waits on a step');
    case 'CANCEL_REQUESTED':
      return reject('ORDER_NOT_CANCELLABLE', 'The order is already cancelled.');
    case 'SHIP_REQUESTED':
      return reject('ORDER_NOT_SHIPPABLE', 'A cancelled order cannot be shipped.');
  }
}

function refunded(s: SagaSnapshot, e: SagaEvent): SagaDecision {
  switch (e.type) {
    case 'RESERVED':
      return releaseLateReservation(s, e);
    case 'PAYMENT_SUCCEEDED':
      return refundUnwanted(
        s,
        e,
        `payment ${e.paymentId} succeeded after the order was refunded; it is refunded too`,
      );
    case 'RESERVATION_FAILED':
    case 'PAYMENT_FAILED':
    case 'PAYMENT_REFUNDED':
      return ignore('the order is already refunded');
    case 'STEP_TIMED_OUT':
      return ignore('the order no longer waits on a step');
    case 'CANCEL_REQUESTED':
      return reject('ORDER_NOT_CANCELLABLE', 'The order is already cancelled and refunded.');
    case 'SHIP_REQUESTED':
      return reject('ORDER_NOT_SHIPPABLE', 'A refunded order cannot be shipped.');
  }
}

const BY_STATE: Record<OrderStatus, (s: SagaSnapshot, e: SagaEvent) => SagaDecision> = {
  PENDING: pending,
  AWAITING_PAYMENT: awaitingPayment,
  CONFIRMED: confirmed,
  SHIPPED: shipped,
  CANCELLED: cancelledState,
  REFUNDED: refunded,
};

/** What `event` does to a saga in `snapshot`'s state. Never throws. */
export function decide(snapshot: SagaSnapshot, event: SagaEvent): SagaDecision {
  return BY_STATE[snapshot.status](snapshot, event);
}
