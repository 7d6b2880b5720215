import type { CancellationReason, OrderStatus } from '@ecommerce/contracts';

/** What a status change tells the order's live streams, on every replica. */
export interface StatusChange {
  orderId: string;
  status: OrderStatus;
  at: string;
  cancellationReason?: CancellationReason;
  /** No further change is expected: streams close after sending it. */
  final: boolean;
}

/** One NOTIFY channel per schema, so test schemas sharing a database do not hear each other. */
export const statusChannel = (schema: string | undefined): string =>
  schema ? `order_status_${schema}` : 'order_status';
