import type { MovementReason } from './stock-ledger';

export interface MovementView {
  id: string;
  productId: string;
  warehouseId: string;
  deltaOnHand: number;
  deltaReserved: number;
  reason: MovementReason;
  actor: string;
  reference: string | null;
  at: string;
}
