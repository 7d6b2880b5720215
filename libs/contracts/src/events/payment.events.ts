import { moneySchema, type Money } from '../money';
import { Topics } from '../topics';
import { defineEvent, objectSchema, uuid } from './define';

export interface AuthorizePayment {
  orderId: string;
  userId: string;
  amount: Money;
  paymentMethod: string;
}
export interface PaymentSucceeded {
  orderId: string;
  paymentId: string;
  amount: Money;
  provider: string;
  providerRef: string;
}
export interface PaymentFailed {
  orderId: string;
  paymentId: string;
  reason: 'DECLINED' | 'FRAUD_SUSPECTED' | 'PROVIDER_ERROR';
  code?: string;
}
export interface PaymentRefund {
  orderId: string;
  paymentId: string;
  amount: Money;
}

const refundSchema = objectSchema({ orderId: uuid, paymentId: uuid, amount: moneySchema });

export const PaymentCommands = {
  authorize: defineEvent({
    type: 'payment.authorize',
    version: 1,
    topic: Topics.paymentCommands,
    summary: 'Charge the order total with the given payment method token.',
    schema: objectSchema({
      orderId: uuid,
      userId: uuid,
      amount: moneySchema,
      paymentMethod: { type: 'string', minLength: 1 },
    }),
  }),
  refund: defineEvent({
    type: 'payment.refund',
    version: 1,
    topic: Topics.paymentCommands,
    summary: 'Refund (part of) a successful payment.',
    schema: refundSchema,
  }),
} as const;

export const PaymentEvents = {
  succeeded: defineEvent({
    type: 'payment.succeeded',
    version: 1,
    topic: Topics.paymentEvents,
    summary: 'The order was charged.',
    schema: objectSchema({
      orderId: uuid,
      paymentId: uuid,
      amount: moneySchema,
      provider: { type: 'string' },
      providerRef: { type: 'string' },
    }),
  }),
  failed: defineEvent({
    type: 'payment.failed',
    version: 1,
    topic: Topics.paymentEvents,
    summary: 'The charge was declined, blocked as fraud or failed at the provider.',
    schema: objectSchema(
      {
        orderId: uuid,
        paymentId: uuid,
        reason: { enum: ['DECLINED', 'FRAUD_SUSPECTED', 'PROVIDER_ERROR'] },
        code: { type: 'string' },
      },
      ['code'],
    ),
  }),
  refunded: defineEvent({
    type: 'payment.refunded',
    version: 1,
    topic: Topics.paymentEvents,
    summary: 'Money went back to the customer.',
    schema: refundSchema,
  }),
} as const;
