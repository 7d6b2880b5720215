import type { Refund } from './refund';

export interface RefundView {
  id: string;
  paymentId: string;
  amount: number;
  status: Refund['status'];
  createdAt: string;
}

export const toRefundView = (refund: Refund): RefundView => ({
  id: refund.id,
  paymentId: refund.paymentId,
  amount: refund.amount,
  status: refund.status,
  createdAt: refund.createdAt.toISOString(),
});
