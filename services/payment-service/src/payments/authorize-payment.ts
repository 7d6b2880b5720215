import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthorizePayment } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { PAYMENT_CONFIG, type PaymentConfig } from '../config';
import { checkFraud } from '../fraud/fraud-rules';
import { chargeIdempotencyKey, PAYMENT_PROVIDER, type PaymentProvider } from '../providers/payment-provider';
import { isRedactedCardNumber, storablePaymentMethod } from './card-number';
import type { Payment } from './payment';
import { outcomeEvent } from './payment.events';
import { PaymentFacts } from './payment-facts';
import { duplicateCommandsTotal, fraudBlocksTotal } from './payments.metrics';
import { PaymentErrors } from './payments.errors';
import { PaymentsRepository } from './payments.repository';

/**
 * `payment.authorize`: fraud rules, then one charge per order, then the outcome and its event in the
 * consumer's transaction (with its inbox row).
 *
 * Never twice: the payment row is committed on its own before the provider is called, keyed by the
 * order; the provider call carries an idempotency key derived from the order; and the charge runs
 * while holding the payment's row lock, so a concurrent duplicate, a webhook or the reconciliation
 * waits and then finds the decided payment. A crash after the provider charged and before the commit
 * leaves the row PENDING: the redelivered command asks the provider again with the same key and gets
 * the first answer back.
 */
@Injectable()
export class AuthorizePaymentUseCase {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly facts: PaymentFacts,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async execute(tx: Tx, command: AuthorizePayment): Promise<Payment> {
    const claimed = await this.db.transaction((claimTx) =>
      PaymentsRepository.claim(claimTx, {
        id: randomUUID(),
        orderId: command.orderId,
        userId: command.userId,
        amount: { ...command.amount },
        // A card number sent by mistake is never written anywhere: only its redacted form.
        paymentMethod: storablePaymentMethod(command.paymentMethod),
        provider: this.provider.name,
        idempotencyKey: chargeIdempotencyKey(command.orderId),
      }),
    );
    const existing = claimed.payment;
    if (
      !claimed.created &&
      (existing.userId !== command.userId ||
        existing.amount.amount !== command.amount.amount ||
        existing.amount.currency !== command.amount.currency)
    ) {
      throw PaymentErrors.orderAlreadyPaidDifferently(command.orderId);
    }

    const payment = (await PaymentsRepository.lock(tx, existing.id))!;
    if (payment.status !== 'PENDING') {
      // Decided before (a redelivery, or a retried command): say the same again, charge nothing.
      duplicateCommandsTotal.inc();
      const event = outcomeEvent(payment);
      if (event) await this.outbox.add(tx, event);
      return payment;
    }
    return this.process(tx, payment);
  }

  /** Decides a PENDING payment whose row lock the caller holds; also used by the reconciliation. */
  async process(tx: Tx, payment: Payment): Promise<Payment> {
    if (isRedactedCardNumber(payment.paymentMethod)) {
      return (
        await this.facts.record(tx, payment, {
          type: 'charge_failed',
          reason: 'DECLINED',
          code: 'raw_card_number_refused',
        })
      ).payment;
    }

    const attemptsLastHour = await PaymentsRepository.countAttemptsInHourBefore(tx, payment.id);
    const verdict = checkFraud(
      { amount: payment.amount, attemptsLastHour },
      {
        maxAmount: this.config.PAYMENT_FRAUD_MAX_AMOUNT,
        maxAmountByCurrency: this.config.PAYMENT_FRAUD_MAX_AMOUNTS,
        maxAttemptsPerHour: this.config.PAYMENT_FRAUD_MAX_ATTEMPTS_PER_HOUR,
      },
    );
    if (verdict.blocked) {
      fraudBlocksTotal.inc({ rule: verdict.rule });
      return (
        await this.facts.record(tx, payment, {
          type: 'charge_failed',
          reason: 'FRAUD_SUSPECTED',
          code: verdict.rule,
        })
      ).payment;
    }

    const outcome = await this.provider.charge({
      idempotencyKey: payment.idempotencyKey,
      paymentId: payment.id,
      orderId: payment.orderId,
      amount: payment.amount,
      paymentMethod: payment.paymentMethod,
    });
    switch (outcome.status) {
      case 'succeeded':
        return (await this.facts.record(tx, payment, { type: 'charge_succeeded' }, outcome.providerRef))
          .payment;
      case 'declined':
        return (
          await this.facts.record(
            tx,
            payment,
            { type: 'charge_failed', reason: 'DECLINED', code: outcome.code },
            outcome.providerRef,
          )
        ).payment;
      case 'blocked':
        fraudBlocksTotal.inc({ rule: 'fraud_provider_risk' });
        return (
          await this.facts.record(
            tx,
            payment,
            { type: 'charge_failed', reason: 'FRAUD_SUSPECTED', code: 'fraud_provider_risk' },
            outcome.providerRef,
          )
        ).payment;
      case 'rejected':
        return (
          await this.facts.record(
            tx,
            payment,
            { type: 'charge_failed', reason: 'PROVIDER_ERROR', code: outcome.code },
            outcome.providerRef,
          )
        ).payment;
      case 'pending':
        // Decided later by the provider's webhook or the reconciliation, which now know the reference.
        await PaymentsRepository.update(tx, payment.id, {
          status: 'PENDING',
          refundedAmount: payment.refundedAmount,
          providerRef: outcome.providerRef,
        });
        return { ...payment, providerRef: outcome.providerRef };
      default:
        return outcome satisfies never;
    }
  }
}
