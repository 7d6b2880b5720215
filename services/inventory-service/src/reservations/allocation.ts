import type { StockRow } from '../stock/stock-ledger';

export interface OrderLine {
  productId: string;
  quantity: number;
}

export interface Allocation {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export interface Shortage {
  productId: string;
  requested: number;
  available: number;
}

export type AllocationResult = { ok: true; allocations: Allocation[] } | { ok: false; shortages: Shortage[] };

/** What allocation needs to know of a product; undefined for a product inventory never heard of. */
export type ProductStock = { active: boolean; rows: StockRow[] } | undefined;

/** One line per product (an order may list a product twice), in product id order. */
export function mergeLines(items: readonly OrderLine[]): OrderLine[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  return [...merged]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * Spreads each line over the product's warehouses, most available stock first (ties by warehouse
 * id), so an order ships from as few warehouses as possible and small remainders are left alone.
 * All lines or none: any line short of stock fails the whole order, and every short line is listed.
 * An unknown or inactive product counts as having nothing available.
 */
export function allocate(
  lines: readonly OrderLine[],
  stockOf: (productId: string) => ProductStock,
): AllocationResult {
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of lines) {
    const stock = stockOf(line.productId);
    const rows = stock?.active ? stock.rows.filter((row) => row.onHand - row.reserved > 0) : [];
    const available = rows.reduce((sum, row) => sum + row.onHand - row.reserved, 0);
    if (available < line.quantity) {
      shortages.push({ productId: line.productId, requested: line.quantity, available });
      continue;
    }
    const byMostStock = [...rows].sort(
      (a, b) =>
        b.onHand - b.reserved - (a.onHand - a.reserved) ||
        (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0),
    );
    let remaining = line.quantity;
    for (const row of byMostStock) {
      if (remaining === 0) break;
      const take = Math.min(remaining, row.onHand - row.reserved);
      allocations.push({ productId: line.productId, warehouseId: row.warehouseId, quantity: take });
      remaining -= take;
    }
  }
  return shortages.length > 0 ? { ok: false, shortages } : { ok: true, allocations };
}
