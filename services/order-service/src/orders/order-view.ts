import type { CancellationReason, Money, OrderStatus } from '@ecommerce/contracts';
import type { OrderLine, OrderRecord, ShippingAddress } from './order.model';
import type { TimelineEntry } from './orders.repository';

export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderLine[];
  total: Money;
  cancellationReason?: CancellationReason;
  payment?: { id: string; status: 'SUCCEEDED' | 'FAILED' | 'REFUNDED' };
  shippingAddress: ShippingAddress;
  timeline?: { status: OrderStatus; at: string; detail?: string }[];
  createdAt: string;
  updatedAt: string;
}

// payment-service's words: a refund that was asked for but not yet made leaves the payment SUCCEEDED.
const PAYMENT_STATUS = {
  SUCCEEDED: 'SUCCEEDED',
  REFUND_REQUESTED: 'SUCCEEDED',
  FAILED: 'FAILED',
  REFUNDED: 'REFUNDED',
} as const;

/** The order as the API shows it; the timeline only on the single-order read. */
export function toOrderView(order: OrderRecord, timeline?: TimelineEntry[]): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items,
    total: order.total,
    ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
    ...(order.payment
      ? { payment: { id: order.payment.id, status: PAYMENT_STATUS[order.payment.status] } }
      : {}),
    shippingAddress: order.shippingAddress,
    ...(timeline
      ? {
          timeline: timeline.map((entry) => ({
            status: entry.status,
            at: entry.at.toISOString(),
            ...(entry.detail ? { detail: entry.detail } : {}),
          })),
        }
      : {}),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
