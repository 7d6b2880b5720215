import { Inject, Injectable } from '@nestjs/common';
import { Database, type Tx } from '@ecommerce/database';
import { assertUnreachable } from '@ecommerce/http';
import { Outbox } from '@ecommerce/messaging';
import type { Payment } from '../payments/payment';
import { stateOf } from '../payments/payment';
import { refundedEvent } from '../payments/payment.events';
import { PaymentFacts } from '../payments/payment-facts';
import { decideRefund } from '../payments/payment-state';
import { refundsTotal } from '../payments/payments.metrics';
import { PaymentErrors } from '../payments/payments.errors';
import { PaymentsRepository } from '../payments/payments.repository';
import { PAYMENT_PROVIDER, refundIdempotencyKey, type PaymentProvider } from '../providers/payment-provider';
import type { Refund, RefundSource } from './refund';
import { RefundErrors } from './refund.errors';
import { RefundsRepository } from './refunds.repository';

export interface RefundRequest {
  refundId: string;
  paymentId: string;
  /** Minor units; the rest of the payment when absent. */
  amount?: number;
  source: Exclude<RefundSource, 'provider'>;
  /** A command names the order and currency too; both must match the payment. */
  orderId?: string;
  currency?: string;
}

export type RefundResult = { kind: 'refund'; refund: Refund } | { kind: 'nothing_left'; payment: Payment };

/**
 * Refunds, full or partial. The refund row is committed first (reserving its amount, so concurrent
 * refunds can never add up to more than was paid), then the provider is asked with the refund's id as
 * idempotency key, then the result and `payment.refunded` commit together. A crash or a provider
 * timeout in between leaves the refund PENDING; a retry, or the reconciliation, asks again with the
 * same key.
 */
@Injectable()
export class RefundPaymentUseCase {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly facts: PaymentFacts,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  /** `finishTx`: the consumer's transaction, so the event commits with its inbox row. */
  async execute(request: RefundRequest, finishTx?: Tx): Promise<RefundResult> {
    const started = await this.db.transaction((tx) => this.start(tx, request));
    if (started.kind === 'nothing_left') {
      // A repeated full refund command: everything went back already, so say so again.
      if (request.source === 'command' && finishTx)
        await this.outbox.add(finishTx, refundedEvent(started.payment, started.payment.refundedAmount));
      return started;
    }
    return { kind: 'refund', refund: await this.complete(started.refund, started.payment, finishTx) };
  }

  /**
   * Asks the provider again about a PENDING refund whose row lock the caller's `tx` holds (the
   * reconciliation's way to finish one). A refusal is recorded, not thrown.
   */
  async resume(tx: Tx, refund: Refund): Promise<Refund> {
    const payment = await PaymentsRepository.find(tx, refund.paymentId);
    if (!payment) throw new Error(`refund ${refund.id} has no payment`);
    return this.complete(refund, payment, tx, false);
  }

  private async start(
    tx: Tx,
    request: RefundRequest,
  ): Promise<
    { kind: 'refund'; refund: Refund; payment: Payment } | { kind: 'nothing_left'; payment: Payment }
  > {
    const payment = await PaymentsRepository.lock(tx, request.paymentId);
    if (!payment) throw PaymentErrors.notFound();
    if (request.orderId && payment.orderId !== request.orderId) throw RefundErrors.orderMismatch();
    if (request.currency && payment.amount.currency !== request.currency)
      throw RefundErrors.currencyMismatch(payment.amount.currency);

    const existing = await RefundsRepository.find(tx, request.refundId);
    if (existing) return { kind: 'refund', refund: existing, payment };

    const decision = decideRefund(
      stateOf(payment),
      await RefundsRepository.committedAmount(tx, payment.id),
      request.amount,
    );
    if (!decision.ok) {
      switch (decision.code) {
        case 'NOTHING_TO_REFUND':
          if (
            request.source === 'command' &&
            (request.amount === undefined || request.amount <= payment.refundedAmount)
          )
            return { kind: 'nothing_left', payment };
          throw RefundErrors.nothingToRefund();
        case 'PAYMENT_NOT_REFUNDABLE':
          throw RefundErrors.notRefundable(payment.status);
        case 'REFUND_EXCEEDS_REMAINING':
          throw RefundErrors.exceedsRemaining(decision.remaining);
        default:
          return assertUnreachable(decision.code);
      }
    }
    const refund = await RefundsRepository.insert(tx, {
      id: request.refundId,
      paymentId: payment.id,
      amount: decision.amount,
      source: request.source,
    });
    return { kind: 'refund', refund, payment };
  }

  /** With `tx`, every write joins it; without, each runs in a transaction of its own. */
  private async complete(refund: Refund, payment: Payment, tx?: Tx, throwOnFailure = true): Promise<Refund> {
    if (refund.status !== 'PENDING') return refund;
    if (!payment.providerRef)
      throw new Error(`payment ${payment.id} was charged without a provider reference`);
    const outcome = await this.provider.refund({
      idempotencyKey: refundIdempotencyKey(refund.id),
      refundId: refund.id,
      providerRef: payment.providerRef,
      amount: { amount: refund.amount, currency: payment.amount.currency },
    });
    const write = <T>(work: (writeTx: Tx) => Promise<T>): Promise<T> =>
      tx ? work(tx) : this.db.transaction(work);
    switch (outcome.status) {
      case 'succeeded':
        return write((writeTx) => this.succeed(writeTx, refund.id, outcome.providerRef));
      case 'pending':
        await write((writeTx) => RefundsRepository.touchPending(writeTx, refund.id, outcome.providerRef));
        return { ...refund, providerRef: outcome.providerRef };
      case 'failed': {
        // Without `tx` this commits before the error below; inside a consumer's transaction it rolls
        // back with it, the refund stays PENDING and the reconciliation records the refusal later.
        await write(async (writeTx) => {
          const locked = await RefundsRepository.lock(writeTx, refund.id);
          if (locked?.status === 'PENDING')
            await RefundsRepository.markFailed(writeTx, refund.id, outcome.code);
        });
        refundsTotal.inc({ source: refund.source, outcome: 'failed' });
        if (throwOnFailure) throw RefundErrors.providerRefused(outcome.code);
        return { ...refund, status: 'FAILED', failureCode: outcome.code };
      }
      default:
        return assertUnreachable(outcome);
    }
  }

  private async succeed(tx: Tx, refundId: string, providerRef: string): Promise<Refund> {
    const refund = (await RefundsRepository.lock(tx, refundId))!;
    const payment = (await PaymentsRepository.lock(tx, refund.paymentId))!;
    if (refund.status !== 'PENDING') return refund;
    const recorded = await this.facts.record(tx, payment, {
      type: 'refund_succeeded',
      amount: refund.amount,
    });
    if (recorded.transition.kind !== 'apply')
      throw new Error(
        `refund ${refund.id} does not fit payment ${payment.id}: ${JSON.stringify(recorded.transition)}`,
      );
    await RefundsRepository.markSucceeded(tx, refund.id, providerRef);
    refundsTotal.inc({ source: refund.source, outcome: 'succeeded' });
    return { ...refund, status: 'SUCCEEDED', providerRef };
  }

  /**
   * The provider reports more refunded than this service knows of (a refund made in the provider's
   * dashboard, or a webhook/reconciliation seeing it first): record the difference as a provider
   * refund and publish it. Refunds still in flight count as known, so nothing is counted twice.
   */
  async recordProviderRefunds(
    tx: Tx,
    payment: Payment,
    providerTotalRefunded: number,
    newRefundId: string,
  ): Promise<number> {
    const known = await RefundsRepository.committedAmount(tx, payment.id);
    const missing = Math.min(providerTotalRefunded, payment.amount.amount) - known;
    if (missing <= 0) return 0;
    const recorded = await this.facts.record(tx, payment, { type: 'refund_succeeded', amount: missing });
    if (recorded.transition.kind !== 'apply') return 0;
    await RefundsRepository.insert(tx, {
      id: newRefundId,
      paymentId: payment.id,
      amount: missing,
      source: 'provider',
      status: 'SUCCEEDED',
    });
    refundsTotal.inc({ source: 'provider', outcome: 'succeeded' });
    return missing;
  }
}
