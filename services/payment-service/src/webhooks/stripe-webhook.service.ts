import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { Database, type Tx } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { PAYMENT_CONFIG, SERVICE_NAME, type PaymentConfig } from '../config';
import type { Payment } from '../payments/payment';
import { PaymentFacts } from '../payments/payment-facts';
import { PaymentsRepository } from '../payments/payments.repository';
import { RefundPaymentUseCase } from '../refunds/refund-payment';
import { WebhookEventsRepository } from './webhook-events.repository';
import { WebhookErrors } from './webhook.errors';
import { webhookEventsTotal } from './webhook.metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookOutcome = 'applied' | 'unchanged' | 'duplicate' | 'ignored' | 'unknown_payment';

interface IntentObject {
  id: string;
  metadata?: Record<string, string> | null;
  last_payment_error?: { code?: string; decline_code?: string } | null;
}

interface ChargeObject {
  payment_intent?: string | { id: string } | null;
  amount_refunded: number;
}

/**
 * Stripe's webhook: verified against the signing secret on the exact bytes received, applied once
 * per event id (the id is recorded in the same transaction as the effect), and only through the
 * payment state machine, under the payment's row lock. A webhook racing the synchronous answer waits
 * for it and then finds the payment already decided.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly db: Database,
    private readonly facts: PaymentFacts,
    private readonly refunds: RefundPaymentUseCase,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async receive(
    rawBody: unknown,
    signature: string | undefined,
  ): Promise<{ received: true; outcome: WebhookOutcome }> {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!secret) throw WebhookErrors.notConfigured();
    let event: Stripe.Event;
    try {
      if (!Buffer.isBuffer(rawBody) || !signature) throw new Error('no body or no signature');
      event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      webhookEventsTotal.inc({ outcome: 'bad_signature' });
      throw WebhookErrors.badSignature();
    }
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await WebhookEventsRepository.record(tx, event.id, event.type))) return 'duplicate' as const;
      return this.apply(tx, event);
    });
    webhookEventsTotal.inc({ outcome });
    this.logger.info({ eventId: event.id, type: event.type, outcome }, 'stripe webhook');
    return { received: true, outcome };
  }

  private async apply(tx: Tx, event: Stripe.Event): Promise<WebhookOutcome> {
    // Stripe sends hundreds of event types; these three are the ones that move a payment.
    const type: string = event.type;
    switch (type) {
      case 'payment_intent.succeeded': {
        const intent = event.data.object as unknown as IntentObject;
        const payment = await this.lockPayment(tx, intent);
        if (!payment) return 'unknown_payment';
        return this.changed(await this.facts.record(tx, payment, { type: 'charge_succeeded' }, intent.id));
      }
      case 'payment_intent.payment_failed': {
        const intent = event.data.object as unknown as IntentObject;
        const payment = await this.lockPayment(tx, intent);
        if (!payment) return 'unknown_payment';
        const error = intent.last_payment_error;
        const fraud = error?.decline_code === 'fraudulent';
        const code = fraud
          ? 'fraud_provider_risk'
          : error?.decline_code && error.decline_code !== 'generic_decline'
            ? error.decline_code
            : (error?.code ?? 'payment_failed');
        return this.changed(
          await this.facts.record(
            tx,
            payment,
            { type: 'charge_failed', reason: fraud ? 'FRAUD_SUSPECTED' : 'DECLINED', code },
            intent.id,
          ),
        );
      }
      case 'charge.refunded': {
        const charge = event.data.object as unknown as ChargeObject;
        const intentId =
          typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
        const payment = intentId ? await PaymentsRepository.lockByProviderRef(tx, intentId) : undefined;
        if (!payment) return 'unknown_payment';
        const recorded = await this.refunds.recordProviderRefunds(
          tx,
          payment,
          charge.amount_refunded,
          randomUUID(),
        );
        return recorded > 0 ? 'applied' : 'unchanged';
      }
      default:
        return 'ignored';
    }
  }

  /** By the payment id the charge put in the metadata (known before the provider answered), else the intent id. */
  private async lockPayment(tx: Tx, intent: IntentObject): Promise<Payment | undefined> {
    const paymentId = intent.metadata?.paymentId;
    if (paymentId && UUID.test(paymentId)) {
      const payment = await PaymentsRepository.lock(tx, paymentId);
      if (payment) return payment;
    }
    return PaymentsRepository.lockByProviderRef(tx, intent.id);
  }

  private changed(recorded: { transition: { kind: string } }): WebhookOutcome {
    return recorded.transition.kind === 'apply' ? 'applied' : 'unchanged';
  }
}
