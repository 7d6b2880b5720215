import type { CancellationReason, Money, OrderEventData, OrderStatus } from '@ecommerce/contracts';
import type { SagaPayment, SagaSnapshot, SagaStep } from './order-saga';

export interface OrderLine {
  productId: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface ShippingAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** An order as stored: the checkout's locked lines plus the saga's state. */
export interface OrderRecord {
  id: string;
  userId: string;
  status: OrderStatus;
  cancellationReason: CancellationReason | null;
  total: Money;
  items: OrderLine[];
  shippingAddress: ShippingAddress;
  paymentMethod: string;
  reservationId: string | null;
  payment: SagaPayment | null;
  refunded: number;
  step: SagaStep | null;
  stepStartedAt: Date | null;
  stepDeadline: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const snapshotOf = (order: OrderRecord): SagaSnapshot => ({
  status: order.status,
  cancellationReason: order.cancellationReason,
  total: order.total,
  reservationId: order.reservationId,
  payment: order.payment,
  refunded: order.refunded,
});

/** The `data` of every order.* event. */
export const orderEventData = (
  order: Pick<OrderRecord, 'id' | 'userId' | 'status' | 'total' | 'items' | 'cancellationReason'>,
): OrderEventData => ({
  orderId: order.id,
  userId: order.userId,
  status: order.status,
  total: order.total,
  items: order.items,
  ...(order.cancellationReason ? { reason: order.cancellationReason } : {}),
});
