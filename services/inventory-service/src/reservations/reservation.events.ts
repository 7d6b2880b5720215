import { assertUnreachable } from '@ecommerce/http';
import type { OutgoingEvent } from '@ecommerce/messaging';
import type { Shortage } from './allocation';
import type { Reservation } from './reservations.repository';

// Reservation events are keyed by the order, so order-service sees one order's answers in order.

export const reservedEvent = (
  reservation: Pick<Reservation, 'id' | 'orderId' | 'lines'>,
): OutgoingEvent<'inventory.reserved'> => ({
  type: 'inventory.reserved',
  aggregateId: reservation.orderId,
  data: {
    orderId: reservation.orderId,
    reservationId: reservation.id,
    items: reservation.lines.map((line) => ({ ...line })),
  },
});

export const reservationFailedEvent = (
  orderId: string,
  shortages: readonly Shortage[],
): OutgoingEvent<'inventory.reservation-failed'> => ({
  type: 'inventory.reservation-failed',
  aggregateId: orderId,
  data: { orderId, reason: 'OUT_OF_STOCK', items: shortages.map((shortage) => ({ ...shortage })) },
});

export const releasedEvent = (
  reservation: Pick<Reservation, 'id' | 'orderId'>,
): OutgoingEvent<'inventory.released'> => ({
  type: 'inventory.released',
  aggregateId: reservation.orderId,
  data: { orderId: reservation.orderId, reservationId: reservation.id },
});

export const committedEvent = (
  reservation: Pick<Reservation, 'id' | 'orderId'>,
): OutgoingEvent<'inventory.committed'> => ({
  type: 'inventory.committed',
  aggregateId: reservation.orderId,
  data: { orderId: reservation.orderId, reservationId: reservation.id },
});

/**
 * The answer to a repeated reserve command: the reservation as it stands. Reserved (also once
 * committed, which consumed it), released, or failed with the shortages found the first time.
 */
export function currentOutcomeEvent(reservation: Reservation): OutgoingEvent {
  switch (reservation.status) {
    case 'RESERVED':
    case 'COMMITTED':
      return reservedEvent(reservation);
    case 'RELEASED':
      return releasedEvent(reservation);
    case 'FAILED':
      return reservationFailedEvent(reservation.orderId, reservation.shortages ?? []);
    default:
      return assertUnreachable(reservation.status);
  }
}
