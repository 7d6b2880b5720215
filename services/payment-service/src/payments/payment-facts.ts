import { Injectable } from '@nestjs/common';
import type { Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { SERVICE_NAME } from '../config';
import type { Payment } from './payment';
import { failedEvent, refundedEvent, succeededEvent } from './payment.events';
import { paymentsTotal } from './payments.metrics';
import { PaymentsRepository } from './payments.repository';
import { transition, type PaymentFact, type Transition } from './payment-state';

export interface RecordedFact {
  transition: Transition;
  payment: Payment;
}

/**
 * Applies what the provider said about a payment (synchronous answer, webhook, reconciliation)
 * through the state machine, and writes the new state and its event in the caller's transaction.
 * The caller holds the payment's row lock, so two sources of the same fact cannot both apply it.
 */
@Injectable()
export class PaymentFacts {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(private readonly outbox: Outbox) {}

  async record(
    tx: Tx,
    payment: Payment,
    fact: PaymentFact,
    providerRef?: string | null,
  ): Promise<RecordedFact> {
    const result = transition(
      { status: payment.status, amount: payment.amount.amount, refundedAmount: payment.refundedAmount },
      fact,
    );
    if (result.kind === 'refused') {
      this.logger.warn(
        {
          paymentId: payment.id,
          orderId: payment.orderId,
          status: payment.status,
          fact: fact.type,
          reason: result.reason,
        },
        'payment change refused',
      );
      return { transition: result, payment };
    }
    if (result.kind === 'already') {
      if (providerRef && !payment.providerRef)
        await PaymentsRepository.update(tx, payment.id, {
          status: payment.status,
          refundedAmount: payment.refundedAmount,
          providerRef,
        });
      return { transition: result, payment };
    }
    const failure =
      fact.type === 'charge_failed'
        ? { failureReason: fact.reason, failureCode: fact.code }
        : fact.type === 'charge_succeeded'
          ? { failureReason: null, failureCode: null }
          : {};
    const updated: Payment = {
      ...payment,
      status: result.next.status,
      refundedAmount: result.next.refundedAmount,
      providerRef: providerRef ?? payment.providerRef,
      ...failure,
    };
    await PaymentsRepository.update(tx, payment.id, {
      status: updated.status,
      refundedAmount: updated.refundedAmount,
      ...(providerRef ? { providerRef } : {}),
      ...failure,
    });
    switch (fact.type) {
      case 'charge_succeeded':
        await this.outbox.add(tx, succeededEvent(updated));
        paymentsTotal.inc({ outcome: 'succeeded', reason: 'none' });
        break;
      case 'charge_failed':
        await this.outbox.add(tx, failedEvent(updated));
        paymentsTotal.inc({ outcome: 'failed', reason: fact.reason });
        break;
      case 'refund_succeeded':
        await this.outbox.add(tx, refundedEvent(updated, fact.amount));
        break;
      default:
        return fact satisfies never;
    }
    return { transition: result, payment: updated };
  }
}
