import { moneySchema, type Money } from '../money';
import { Topics } from '../topics';
import { defineEvent, objectSchema, positiveInt, uuid } from './define';

export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_PAYMENT',
  'CONFIRMED',
  'SHIPPED',
  'CANCELLED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CANCELLATION_REASONS = [
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'FRAUD_SUSPECTED',
  'TIMEOUT',
  'CUSTOMER_CANCELLED',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface OrderEventData {
  orderId: string;
  userId: string;
  status: OrderStatus;
  total: Money;
  items: { productId: string; name: string; unitPrice: Money; quantity: number; lineTotal: Money }[];
  reason?: CancellationReason;
}

const orderSchema = objectSchema(
  {
    orderId: uuid,
    userId: uuid,
    status: { enum: ORDER_STATUSES },
    total: moneySchema,
    items: {
      type: 'array',
      items: objectSchema({
        productId: uuid,
        name: { type: 'string' },
        unitPrice: moneySchema,
        quantity: positiveInt,
        lineTotal: moneySchema,
      }),
    },
    reason: { enum: CANCELLATION_REASONS },
  },
  ['reason'],
);

const orderEvent = <T extends string>(type: T, summary: string) =>
  defineEvent({ type, version: 1, topic: Topics.orderEvents, summary, schema: orderSchema });

export const OrderEvents = {
  created: orderEvent('order.created', 'An order was placed and its saga started.'),
  confirmed: orderEvent('order.confirmed', 'Stock reserved and payment taken: the order will ship.'),
  cancelled: orderEvent('order.cancelled', 'The order ended without shipping; `reason` says why.'),
  shipped: orderEvent('order.shipped', 'The order left the warehouse.'),
  refunded: orderEvent('order.refunded', 'A paid order was cancelled and refunded.'),
} as const;
