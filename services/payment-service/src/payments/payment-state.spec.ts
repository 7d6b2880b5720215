import {
  decideRefund,
  transition,
  type PaymentFact,
  type PaymentState,
  type PaymentStatus,
} from './payment-state';

const state = (status: PaymentStatus, refundedAmount = 0): PaymentState => ({
  status,
  amount: 1000,
  refundedAmount,
});
const succeeded: PaymentFact = { type: 'charge_succeeded' };
const failed: PaymentFact = { type: 'charge_failed', reason: 'DECLINED', code: 'card_declined' };
const refund = (amount: number): PaymentFact => ({ type: 'refund_succeeded', amount });

describe('payment transitions', () => {
  it.each<[PaymentStatus, PaymentFact, string, PaymentStatus | null]>([
    ['PENDING', succeeded, 'apply', 'SUCCEEDED'],
    ['PENDING', failed, 'apply', 'FAILED'],
    ['PENDING', refund(100), 'refused', null],
    ['SUCCEEDED', succeeded, 'already', 'SUCCEEDED'],
    ['SUCCEEDED', failed, 'refused', null],
    ['SUCCEEDED', refund(100), 'apply', 'SUCCEEDED'],
    ['SUCCEEDED', refund(1000), 'apply', 'REFUNDED'],
    ['FAILED', succeeded, 'apply', 'SUCCEEDED'],
    ['FAILED', failed, 'already', 'FAILED'],
    ['FAILED', refund(100), 'refused', null],
    ['REFUNDED', succeeded, 'already', 'REFUNDED'],
    ['REFUNDED', failed, 'refused', null],
    ['REFUNDED', refund(1), 'refused', null],
  ])('%s + %j -> %s %s', (status, fact, kind, next) => {
    const result = transition(state(status, status === 'REFUNDED' ? 1000 : 0), fact);
    expect(result.kind).toBe(kind);
    if (result.kind !== 'refused') expect(result.next.status).toBe(next);
  });

  it('adds partial refunds up and refuses one that exceeds what remains', () => {
    const first = transition(state('SUCCEEDED'), refund(300));
    expect(first).toEqual({
      kind: 'apply',
      next: { status: 'SUCCEEDED', amount: 1000, refundedAmount: 300 },
    });
    if (first.kind !== 'apply') throw new Error('unreachable');
    expect(transition(first.next, refund(701))).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('700'),
    });
    expect(transition(first.next, refund(700))).toEqual({
      kind: 'apply',
      next: { status: 'REFUNDED', amount: 1000, refundedAmount: 1000 },
    });
  });

  it('refuses refunds that are not positive whole amounts', () => {
    expect(transition(state('SUCCEEDED'), refund(0)).kind).toBe('refused');
    expect(transition(state('SUCCEEDED'), refund(-5)).kind).toBe('refused');
    expect(transition(state('SUCCEEDED'), refund(1.5)).kind).toBe('refused');
  });
});

describe('decideRefund', () => {
  it('refunds the rest when no amount is given', () => {
    expect(decideRefund(state('SUCCEEDED'), 250)).toEqual({ ok: true, amount: 750 });
  });

  it('counts refunds in flight against what remains', () => {
    expect(decideRefund(state('SUCCEEDED'), 900, 200)).toEqual({
      ok: false,
      code: 'REFUND_EXCEEDS_REMAINING',
      remaining: 100,
    });
    expect(decideRefund(state('SUCCEEDED'), 900, 100)).toEqual({ ok: true, amount: 100 });
  });

  it('has nothing to refund once everything went back', () => {
    expect(decideRefund(state('REFUNDED', 1000), 1000)).toEqual({
      ok: false,
      code: 'NOTHING_TO_REFUND',
      remaining: 0,
    });
  });

  it.each<PaymentStatus>(['PENDING', 'FAILED'])('refuses to refund a %s payment', (status) => {
    expect(decideRefund(state(status), 0, 100)).toMatchObject({ ok: false, code: 'PAYMENT_NOT_REFUNDABLE' });
  });
});
