import type { OutgoingEvent } from '@ecommerce/messaging';
import { orderEventData, type OrderRecord } from './order.model';
import type { SagaCommand } from './order-saga';

/** The message a saga command sends, built from the order in its new state. */
export function commandEvent(order: OrderRecord, command: SagaCommand): OutgoingEvent {
  const orderId = order.id;
  switch (command.type) {
    case 'AUTHORIZE_PAYMENT':
      return {
        type: 'payment.authorize',
        aggregateId: orderId,
        data: { orderId, userId: order.userId, amount: order.total, paymentMethod: order.paymentMethod },
      };
    case 'COMMIT_STOCK':
      return {
        type: 'inventory.commit',
        aggregateId: orderId,
        data: { orderId, reservationId: command.reservationId },
      };
    case 'RELEASE_STOCK':
      return {
        type: 'inventory.release',
        aggregateId: orderId,
        data: { orderId, reservationId: command.reservationId },
      };
    case 'REFUND_PAYMENT':
      return {
        type: 'payment.refund',
        aggregateId: orderId,
        data: { orderId, paymentId: command.paymentId, amount: command.amount },
      };
    case 'PUBLISH':
      return { type: command.event, aggregateId: orderId, data: orderEventData(order) };
  }
}

/** The two messages that start a saga: the order exists, and its stock is asked for. */
export function placementEvents(order: OrderRecord, reservationExpiresAt: Date): OutgoingEvent[] {
  return [
    { type: 'order.created', aggregateId: order.id, data: orderEventData(order) },
    {
      type: 'inventory.reserve',
      aggregateId: order.id,
      data: {
        orderId: order.id,
        items: order.items.map(({ productId, quantity }) => ({ productId, quantity })),
        expiresAt: reservationExpiresAt.toISOString(),
      },
    },
  ];
}
