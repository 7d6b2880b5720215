import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database, type Tx } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { PAYMENT_CONFIG, SERVICE_NAME, type PaymentConfig } from '../config';
import { AuthorizePaymentUseCase } from '../payments/authorize-payment';
import type { Payment } from '../payments/payment';
import { PaymentFacts } from '../payments/payment-facts';
import { PaymentsRepository } from '../payments/payments.repository';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../providers/payment-provider';
import { RefundPaymentUseCase } from '../refunds/refund-payment';
import { RefundsRepository } from '../refunds/refunds.repository';
import { reconciliationMismatchesTotal } from './reconciliation.metrics';

export interface ReconciliationReport {
  resumedPayments: number;
  resumedRefunds: number;
  compared: number;
  mismatches: number;
}

/** Stripe keeps idempotency keys for 24 hours; resume a charge by its key only well within that. */
const IDEMPOTENCY_KEY_LIFETIME_MS = 23 * 3_600_000;

type Mismatch =
  | 'stale_pending_payment'
  | 'stale_pending_refund'
  | 'late_success'
  | 'refund_unknown_locally'
  | 'refund_missing_at_provider'
  | 'status';

/**
 * Compares this service's payments with the provider and fixes what is safe to fix:
 * - a payment or refund still PENDING long after it started (its command was parked, or a crash and
 *   no redelivery) is finished by asking the provider again with the same idempotency key;
 * - a payment failed here but succeeded at the provider becomes SUCCEEDED (and is published, so the
 *   order refunds it); refunds made at the provider only are recorded and published.
 * What is not safe (the provider lost a charge or a refund this service recorded) is counted and
 * logged for a person to look at. Each payment is locked (SKIP LOCKED) while it is compared, so
 * replicas share the work, and a changed payment is compared once.
 */
@Injectable()
export class Reconciler {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly db: Database,
    private readonly facts: PaymentFacts,
    private readonly authorize: AuthorizePaymentUseCase,
    private readonly refunds: RefundPaymentUseCase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async run(): Promise<ReconciliationReport> {
    const report: ReconciliationReport = {
      resumedPayments: 0,
      resumedRefunds: 0,
      compared: 0,
      mismatches: 0,
    };
    const staleBefore = () => new Date(Date.now() - this.config.RECONCILIATION_STALE_AFTER_MS);
    const batch = this.config.RECONCILIATION_BATCH_SIZE;

    // One transaction per item: a provider call holds one payment's lock, never a whole batch's.
    for (let i = 0; i < batch; i++) {
      const done = await this.db.transaction(async (tx) => {
        const [payment] = await PaymentsRepository.lockStalePending(tx, staleBefore(), 1);
        if (!payment) return false;
        await this.resumePayment(tx, payment, report);
        return true;
      });
      if (!done) break;
    }
    for (let i = 0; i < batch; i++) {
      const done = await this.db.transaction(async (tx) => {
        const [refund] = await RefundsRepository.lockStalePending(tx, staleBefore(), 1);
        if (!refund) return false;
        this.mismatch(report, 'stale_pending_refund', true, { refundId: refund.id });
        await this.refunds.resume(tx, refund);
        report.resumedRefunds++;
        return true;
      });
      if (!done) break;
    }
    const since = new Date(Date.now() - this.config.RECONCILIATION_WINDOW_HOURS * 3_600_000);
    for (let i = 0; i < batch; i++) {
      const done = await this.db.transaction(async (tx) => {
        const [payment] = await PaymentsRepository.lockUnreconciled(tx, since, 1);
        if (!payment) return false;
        await this.compare(tx, payment, report);
        report.compared++;
        return true;
      });
      if (!done) break;
    }
    return report;
  }

  private async resumePayment(tx: Tx, payment: Payment, report: ReconciliationReport): Promise<void> {
    report.resumedPayments++;
    if (!payment.providerRef) {
      if (Date.now() - payment.createdAt.getTime() > IDEMPOTENCY_KEY_LIFETIME_MS) {
        // The provider has forgotten the key by now: charging again could charge twice.
        this.mismatch(report, 'stale_pending_payment', false, {
          paymentId: payment.id,
          orderId: payment.orderId,
        });
        await PaymentsRepository.update(tx, payment.id, {
          status: 'PENDING',
          refundedAmount: payment.refundedAmount,
        });
        return;
      }
      // Never got an answer: the same key makes this the same charge, not a second one.
      this.mismatch(report, 'stale_pending_payment', true, { paymentId: payment.id });
      await this.authorize.process(tx, payment);
      return;
    }
    this.mismatch(report, 'stale_pending_payment', true, { paymentId: payment.id });
    const state = await this.provider.retrieve(payment.providerRef);
    switch (state.status) {
      case 'succeeded':
        await this.facts.record(tx, payment, { type: 'charge_succeeded' });
        return;
      case 'failed':
      case 'not_found':
        await this.facts.record(tx, payment, {
          type: 'charge_failed',
          reason: 'DECLINED',
          code: state.code ?? 'payment_failed',
        });
        return;
      case 'pending':
        // Still undecided at the provider: look again once it is stale again.
        await PaymentsRepository.update(tx, payment.id, {
          status: 'PENDING',
          refundedAmount: payment.refundedAmount,
        });
        return;
      default:
        return state.status satisfies never;
    }
  }

  private async compare(tx: Tx, payment: Payment, report: ReconciliationReport): Promise<void> {
    const state = await this.provider.retrieve(payment.providerRef!);
    if (state.status === 'pending') return;
    const chargedHere = payment.status === 'SUCCEEDED' || payment.status === 'REFUNDED';
    if (!chargedHere && state.status === 'succeeded') {
      this.mismatch(report, 'late_success', true, { paymentId: payment.id });
      const recorded = await this.facts.record(tx, payment, { type: 'charge_succeeded' });
      payment = recorded.payment;
    } else if (chargedHere && state.status !== 'succeeded') {
      this.mismatch(report, 'status', false, {
        paymentId: payment.id,
        local: payment.status,
        provider: state.status,
      });
    }
    if (payment.status === 'SUCCEEDED' || payment.status === 'REFUNDED') {
      const added = await this.refunds.recordProviderRefunds(tx, payment, state.amountRefunded, randomUUID());
      if (added > 0)
        this.mismatch(report, 'refund_unknown_locally', true, { paymentId: payment.id, amount: added });
      else if (state.status === 'succeeded' && state.amountRefunded < payment.refundedAmount) {
        this.mismatch(report, 'refund_missing_at_provider', false, {
          paymentId: payment.id,
          local: payment.refundedAmount,
          provider: state.amountRefunded,
        });
      }
    }
    await PaymentsRepository.markReconciled(tx, payment.id);
  }

  private mismatch(
    report: ReconciliationReport,
    kind: Mismatch,
    fixed: boolean,
    details: Record<string, unknown>,
  ): void {
    report.mismatches++;
    reconciliationMismatchesTotal.inc({ kind, fixed: String(fixed) });
    if (fixed) this.logger.warn({ kind, ...details }, 'reconciliation fixed a mismatch with the provider');
    else
      this.logger.error(
        { kind, ...details },
        'reconciliation found a mismatch with the provider that needs a person',
      );
  }
}
