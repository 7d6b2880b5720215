import { ORDER_STATUSES, type OrderStatus } from '@ecommerce/contracts';
import {
  decide,
  isFinal,
  SAGA_EVENT_TYPES,
  stepOf,
  type SagaEvent,
  type SagaEventType,
  type SagaSnapshot,
} from './order-saga';

const total = { amount: 5000, currency: 'EUR' };
const RESERVATION = '00000000-0000-4000-8000-000000000001';
const OTHER_RESERVATION = '00000000-0000-4000-8000-000000000002';
const PAYMENT = '00000000-0000-4000-8000-0000000000a1';
const OTHER_PAYMENT = '00000000-0000-4000-8000-0000000000a2';

/** A typical saga in each state, as the order row would hold it. */
const SNAPSHOTS: Record<OrderStatus, SagaSnapshot> = {
  PENDING: {
    status: 'PENDING',
    cancellationReason: null,
    total,
    reservationId: null,
    payment: null,
    refunded: 0,
  },
  AWAITING_PAYMENT: {
    status: 'AWAITING_PAYMENT',
    cancellationReason: null,
    total,
    reservationId: RESERVATION,
    payment: null,
    refunded: 0,
  },
  CONFIRMED: {
    status: 'CONFIRMED',
    cancellationReason: null,
    total,
    reservationId: RESERVATION,
    payment: { id: PAYMENT, status: 'SUCCEEDED', amount: total },
    refunded: 0,
  },
  SHIPPED: {
    status: 'SHIPPED',
    cancellationReason: null,
    total,
    reservationId: RESERVATION,
    payment: { id: PAYMENT, status: 'SUCCEEDED', amount: total },
    refunded: 0,
  },
  CANCELLED: {
    status: 'CANCELLED',
    cancellationReason: 'CUSTOMER_CANCELLED',
    total,
    reservationId: RESERVATION,
    payment: { id: PAYMENT, status: 'REFUND_REQUESTED', amount: total },
    refunded: 0,
  },
  REFUNDED: {
    status: 'REFUNDED',
    cancellationReason: 'CUSTOMER_CANCELLED',
    total,
    reservationId: RESERVATION,
    payment: { id: PAYMENT, status: 'REFUNDED', amount: total },
    refunded: 5000,
  },
};

/** The events of the table; "other" ids where a known id would only be a repeat. */
const EVENTS: Record<SagaEventType, SagaEvent> = {
  RESERVED: { type: 'RESERVED', reservationId: OTHER_RESERVATION },
  RESERVATION_FAILED: { type: 'RESERVATION_FAILED' },
  PAYMENT_SUCCEEDED: { type: 'PAYMENT_SUCCEEDED', paymentId: OTHER_PAYMENT, amount: total },
  PAYMENT_FAILED: { type: 'PAYMENT_FAILED', paymentId: OTHER_PAYMENT, reason: 'DECLINED' },
  PAYMENT_REFUNDED: { type: 'PAYMENT_REFUNDED', paymentId: PAYMENT, amount: total },
  STEP_TIMED_OUT: { type: 'STEP_TIMED_OUT' },
  CANCEL_REQUESTED: { type: 'CANCEL_REQUESTED' },
  SHIP_REQUESTED: { type: 'SHIP_REQUESTED' },
};

type Expected =
  | { kind: 'transition'; status: OrderStatus; commands: string[]; reason?: string | null }
  | { kind: 'ignore' }
  | { kind: 'reject'; code: string };

const t = (status: OrderStatus, commands: string[], reason?: string | null): Expected => ({
  kind: 'transition',
  status,
  commands,
  reason,
});
const ignored: Expected = { kind: 'ignore' };
const rejected = (code: string): Expected => ({ kind: 'reject', code });

// Every state x every event. Commands are written as TYPE or PUBLISH:event.
const TABLE: Record<OrderStatus, Record<SagaEventType, Expected>> = {
  PENDING: {
    RESERVED: t('AWAITING_PAYMENT', ['AUTHORIZE_PAYMENT'], null),
    RESERVATION_FAILED: t('CANCELLED', ['PUBLISH:order.cancelled'], 'OUT_OF_STOCK'),
    PAYMENT_SUCCEEDED: rejected('UNEXPECTED_EVENT'),
    PAYMENT_FAILED: rejected('UNEXPECTED_EVENT'),
    PAYMENT_REFUNDED: rejected('UNEXPECTED_EVENT'),
    STEP_TIMED_OUT: t('CANCELLED', ['PUBLISH:order.cancelled'], 'TIMEOUT'),
    CANCEL_REQUESTED: t('CANCELLED', ['PUBLISH:order.cancelled'], 'CUSTOMER_CANCELLED'),
    SHIP_REQUESTED: rejected('ORDER_NOT_SHIPPABLE'),
  },
  AWAITING_PAYMENT: {
    RESERVED: rejected('UNEXPECTED_EVENT'),
    RESERVATION_FAILED: rejected('UNEXPECTED_EVENT'),
    PAYMENT_SUCCEEDED: t('CONFIRMED', ['COMMIT_STOCK', 'PUBLISH:order.confirmed'], null),
    PAYMENT_FAILED: t('CANCELLED', ['RELEASE_STOCK', 'PUBLISH:order.cancelled'], 'PAYMENT_DECLINED'),
    PAYMENT_REFUNDED: rejected('UNEXPECTED_EVENT'),
    STEP_TIMED_OUT: t('CANCELLED', ['RELEASE_STOCK', 'PUBLISH:order.cancelled'], 'TIMEOUT'),
    CANCEL_REQUESTED: t('CANCELLED', ['RELEASE_STOCK', 'PUBLISH:order.cancelled'], 'CUSTOMER_CANCELLED'),
    SHIP_REQUESTED: rejected('ORDER_NOT_SHIPPABLE'),
  },
  CONFIRMED: {
    RESERVED: ignored,
    RESERVATION_FAILED: t('CANCELLED', ['REFUND_PAYMENT', 'PUBLISH:order.cancelled'], 'OUT_OF_STOCK'),
    PAYMENT_SUCCEEDED: t('CONFIRMED', ['REFUND_PAYMENT'], null),
    PAYMENT_FAILED: ignored,
    PAYMENT_REFUNDED: ignored,
    STEP_TIMED_OUT: ignored,
    CANCEL_REQUESTED: t(
      'CANCELLED',
      ['REFUND_PAYMENT', 'RELEASE_STOCK', 'PUBLISH:order.cancelled'],
      'CUSTOMER_CANCELLED',
    ),
    SHIP_REQUESTED: t('SHIPPED', ['PUBLISH:order.shipped'], null),
  },
  SHIPPED: {
    RESERVED: ignored,
    RESERVATION_FAILED: rejected('UNEXPECTED_EVENT'),
    PAYMENT_SUCCEEDED: t('SHIPPED', ['REFUND_PAYMENT'], null),
    PAYMENT_FAILED: ignored,
    PAYMENT_REFUNDED: ignored,
    STEP_TIMED_OUT: ignored,
    CANCEL_REQUESTED: rejected('ORDER_NOT_CANCELLABLE'),
    SHIP_REQUESTED: rejected('ORDER_NOT_SHIPPABLE'),
  },
  CANCELLED: {
    RESERVED: t('CANCELLED', ['RELEASE_STOCK'], 'CUSTOMER_CANCELLED'),
    RESERVATION_FAILED: ignored,
    PAYMENT_SUCCEEDED: t('CANCELLED', ['REFUND_PAYMENT'], 'CUSTOMER_CANCELLED'),
    PAYMENT_FAILED: ignored,
    PAYMENT_REFUNDED: t('REFUNDED', ['PUBLISH:order.refunded'], 'CUSTOMER_CANCELLED'),
    STEP_TIMED_OUT: ignored,
    CANCEL_REQUESTED: rejected('ORDER_NOT_CANCELLABLE'),
    SHIP_REQUESTED: rejected('ORDER_NOT_SHIPPABLE'),
  },
  REFUNDED: {
    RESERVED: t('REFUNDED', ['RELEASE_STOCK'], 'CUSTOMER_CANCELLED'),
    RESERVATION_FAILED: ignored,
    PAYMENT_SUCCEEDED: t('REFUNDED', ['REFUND_PAYMENT'], 'CUSTOMER_CANCELLED'),
    PAYMENT_FAILED: ignored,
    PAYMENT_REFUNDED: ignored,
    STEP_TIMED_OUT: ignored,
    CANCEL_REQUESTED: rejected('ORDER_NOT_CANCELLABLE'),
    SHIP_REQUESTED: rejected('ORDER_NOT_SHIPPABLE'),
  },
};

const describeCommand = (command: { type: string; event?: string }) =>
  command.type === 'PUBLISH' ? `PUBLISH:${command.event}` : command.type;

describe('order saga: every state x every event', () => {
  it('covers every state and every event', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const row of Object.values(TABLE))
      expect(Object.keys(row).sort()).toEqual([...SAGA_EVENT_TYPES].sort());
  });

  const cases = ORDER_STATUSES.flatMap((state) => SAGA_EVENT_TYPES.map((event) => [state, event] as const));

  it.each(cases)('%s x %s', (state, eventType) => {
    const expected = TABLE[state][eventType];
    const decision = decide(SNAPSHOTS[state], EVENTS[eventType]);
    expect(decision.kind).toBe(expected.kind);
    if (decision.kind === 'transition' && expected.kind === 'transition') {
      expect(decision.next.status).toBe(expected.status);
      expect(decision.commands.map(describeCommand)).toEqual(expected.commands);
      if (expected.reason !== undefined) expect(decision.next.cancellationReason).toBe(expected.reason);
    }
    if (decision.kind === 'reject' && expected.kind === 'reject') expect(decision.code).toBe(expected.code);
  });

  it('never throws and never mutates the snapshot it is given', () => {
    for (const state of ORDER_STATUSES) {
      const before = JSON.stringify(SNAPSHOTS[state]);
      for (const eventType of SAGA_EVENT_TYPES)
        expect(() => decide(SNAPSHOTS[state], EVENTS[eventType])).not.toThrow();
      expect(JSON.stringify(SNAPSHOTS[state])).toBe(before);
    }
  });
});

describe('order saga: details that the table does not show', () => {
  it('asks for the payment of the reserved stock, and commits that reservation once paid', () => {
    const reserved = decide(SNAPSHOTS.PENDING, { type: 'RESERVED', reservationId: RESERVATION });
    if (reserved.kind !== 'transition') throw new Error('expected a transition');
    expect(reserved.next.reservationId).toBe(RESERVATION);
    const paid = decide(reserved.next, { type: 'PAYMENT_SUCCEEDED', paymentId: PAYMENT, amount: total });
    if (paid.kind !== 'transition') throw new Error('expected a transition');
    expect(paid.commands[0]).toEqual({ type: 'COMMIT_STOCK', reservationId: RESERVATION });
    expect(paid.next.payment).toEqual({ id: PAYMENT, status: 'SUCCEEDED', amount: total });
  });

  it('maps payment failures to their cancellation reasons', () => {
    const fraud = decide(SNAPSHOTS.AWAITING_PAYMENT, {
      type: 'PAYMENT_FAILED',
      paymentId: PAYMENT,
      reason: 'FRAUD_SUSPECTED',
    });
    const provider = decide(SNAPSHOTS.AWAITING_PAYMENT, {
      type: 'PAYMENT_FAILED',
      paymentId: PAYMENT,
      reason: 'PROVIDER_ERROR',
    });
    expect(fraud.kind === 'transition' && fraud.next.cancellationReason).toBe('FRAUD_SUSPECTED');
    expect(provider.kind === 'transition' && provider.next.cancellationReason).toBe('PAYMENT_DECLINED');
  });

  it('refunds a payment that succeeds after a timeout, once, and says why', () => {
    const timedOut = {
      ...SNAPSHOTS.AWAITING_PAYMENT,
      status: 'CANCELLED' as const,
      cancellationReason: 'TIMEOUT' as const,
    };
    const late = decide(timedOut, { type: 'PAYMENT_SUCCEEDED', paymentId: PAYMENT, amount: total });
    if (late.kind !== 'transition') throw new Error('expected a transition');
    expect(late.commands).toEqual([{ type: 'REFUND_PAYMENT', paymentId: PAYMENT, amount: total }]);
    expect(late.timeline).toContain('after the order was cancelled (TIMEOUT)');
    expect(late.next.payment).toEqual({ id: PAYMENT, status: 'REFUND_REQUESTED', amount: total });
    expect(decide(late.next, { type: 'PAYMENT_SUCCEEDED', paymentId: PAYMENT, amount: total }).kind).toBe(
      'ignore',
    );
  });

  it('stays CANCELLED until the whole amount is refunded', () => {
    const partial = decide(SNAPSHOTS.CANCELLED, {
      type: 'PAYMENT_REFUNDED',
      paymentId: PAYMENT,
      amount: { amount: 2000, currency: 'EUR' },
    });
    if (partial.kind !== 'transition') throw new Error('expected a transition');
    expect(partial.next).toMatchObject({ status: 'CANCELLED', refunded: 2000 });
    const rest = decide(partial.next, {
      type: 'PAYMENT_REFUNDED',
      paymentId: PAYMENT,
      amount: { amount: 3000, currency: 'EUR' },
    });
    expect(rest.kind === 'transition' && rest.next.status).toBe('REFUNDED');
  });

  it('ignores a refund nobody asked for on a cancelled order without payment', () => {
    const noPayment = {
      ...SNAPSHOTS.PENDING,
      status: 'CANCELLED' as const,
      cancellationReason: 'OUT_OF_STOCK' as const,
    };
    expect(decide(noPayment, EVENTS.PAYMENT_REFUNDED).kind).toBe('ignore');
    const failed = decide(noPayment, { type: 'PAYMENT_FAILED', paymentId: PAYMENT, reason: 'DECLINED' });
    expect(failed.kind === 'transition' && failed.next.payment).toEqual({
      id: PAYMENT,
      status: 'FAILED',
      amount: null,
    });
  });

  it('treats repeated answers as repeats', () => {
    expect(decide(SNAPSHOTS.AWAITING_PAYMENT, { type: 'RESERVED', reservationId: RESERVATION }).kind).toBe(
      'ignore',
    );
    expect(decide(SNAPSHOTS.CANCELLED, { type: 'RESERVED', reservationId: RESERVATION }).kind).toBe('ignore');
    expect(
      decide(SNAPSHOTS.CONFIRMED, { type: 'PAYMENT_SUCCEEDED', paymentId: PAYMENT, amount: total }).kind,
    ).toBe('ignore');
  });

  it('names the step each state waits on, and which states are final', () => {
    expect(ORDER_STATUSES.map(stepOf)).toEqual(['reservation', 'payment', null, null, null, null]);
    expect(isFinal(SNAPSHOTS.CANCELLED)).toBe(false);
    expect(isFinal({ status: 'CANCELLED', payment: null })).toBe(true);
    expect(ORDER_STATUSES.filter((status) => isFinal({ ...SNAPSHOTS[status], status }))).toEqual([
      'SHIPPED',
      'REFUNDED',
    ]);
  });
});
