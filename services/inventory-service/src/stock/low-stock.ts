/**
 * The low-stock alarm of one product. It fires when availability crosses the threshold from above
 * to at-or-below, once: the flag stays raised through later sales and drops only when stock rises
 * above the threshold again, so a product selling its last units does not alert on every sale.
 */
export interface LowStockState {
  threshold: number;
  alerted: boolean;
}

export interface LowStockDecision {
  /** The flag to store. */
  alerted: boolean;
  /** Publish `inventory.low-stock` now. */
  alert: boolean;
}

export function lowStockDecision(state: LowStockState, available: number): LowStockDecision {
  const low = available <= state.threshold;
  if (low) return { alerted: true, alert: !state.alerted };
  return { alerted: false, alert: false };
}
