import { Injectable } from '@nestjs/common';
import { isAdmin, type AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import { toPaymentView, type PaymentView } from './payment.views';
import { PaymentsRepository } from './payments.repository';

/** Newest first; an order has one payment, a user rarely more than this. */
const LIST_LIMIT = 100;

@Injectable()
export class PaymentsService {
  constructor(private readonly db: Database) {}

  /** The caller's own payments; an admin sees everyone's. */
  async list(caller: AuthUser, orderId?: string): Promise<PaymentView[]> {
    const payments = isAdmin(caller)
      ? await PaymentsRepository.listAll(this.db.manager, orderId, LIST_LIMIT)
      : await PaymentsRepository.listOwn(this.db.manager, caller.id, orderId, LIST_LIMIT);
    return payments.map(toPaymentView);
  }
}
