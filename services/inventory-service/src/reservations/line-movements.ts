import type { MovementReason, StockLedger } from '../stock/stock-ledger';
import type { Allocation } from './allocation';

/** Which way a line's quantity moves on hand and in reserved: -1, 0 or 1 times the quantity. */
export interface LineMovement {
  onHand: -1 | 0 | 1;
  reserved: -1 | 0 | 1;
  reason: MovementReason;
}

export const RESERVE: LineMovement = { onHand: 0, reserved: 1, reason: 'reservation' };
/** The reserved units leave the warehouse: on hand and reserved both drop, availability stays. */
export const COMMIT_RESERVED: LineMovement = { onHand: -1, reserved: -1, reason: 'commit' };
/** Units taken straight from what is available (a commit after the reservation expired). */
export const COMMIT_AVAILABLE: LineMovement = { onHand: -1, reserved: 0, reason: 'commit' };
/** Committed units return on hand in the warehouses they left. */
export const RESTOCK: LineMovement = { onHand: 1, reserved: 0, reason: 'restock' };
export const giveBack = (reason: 'release' | 'expiry'): LineMovement => ({ onHand: 0, reserved: -1, reason });

/** Applies `movement` to every line on the ledger, on behalf of the order. */
export function moveLines(
  ledger: StockLedger,
  lines: readonly Allocation[],
  orderId: string,
  movement: LineMovement,
): void {
  for (const { productId, warehouseId, quantity } of lines) {
    ledger.apply({
      productId,
      warehouseId,
      deltaOnHand: movement.onHand * quantity,
      deltaReserved: movement.reserved * quantity,
      reason: movement.reason,
      reference: orderId,
    });
  }
}
