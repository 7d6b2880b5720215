import { randomUUID } from 'node:crypto';
import type { AuthorizePayment } from '@ecommerce/contracts';
import { AuthorizePaymentUseCase } from '../../src/payments/authorize-payment';
import type { Payment } from '../../src/payments/payment';
import type { TestApp } from './app';

/** A payment made through the real authorize use case (fraud rules, sandbox charge, outbox). */
export async function pay(t: TestApp, overrides: Partial<AuthorizePayment> = {}): Promise<Payment> {
  const command: AuthorizePayment = {
    orderId: randomUUID(),
    userId: randomUUID(),
    amount: { amount: 10_000, currency: 'EUR' },
    paymentMethod: 'pm_card_visa',
    ...overrides,
  };
  const authorize = t.app.get(AuthorizePaymentUseCase);
  return t.db.transaction((tx) => authorize.execute(tx, command));
}
