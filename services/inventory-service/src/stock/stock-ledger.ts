import { lowStockDecision } from './low-stock';

export const MOVEMENT_REASONS = [
  'adjustment',
  'reservation',
  'commit',
  'release',
  'restock',
  'expiry',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** A product as the ledger needs it, read under the product's lock. */
export interface ProductStockState {
  productId: string;
  active: boolean;
  /** The product's own threshold, or the service default. */
  threshold: number;
  alerted: boolean;
}

export interface StockRow {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export interface StockChange {
  productId: string;
  warehouseId: string;
  deltaOnHand: number;
  deltaReserved: number;
  reason: MovementReason;
  /** The order a reservation movement belongs to; none for admin adjustments. */
  reference: string | null;
}

/** What a transaction did to one product, once all its changes are in. */
export interface ProductOutcome {
  productId: string;
  available: number;
  /** Available when the transaction began: a commit moves units out without changing it. */
  availableBefore: number;
  threshold: number;
  alertedBefore: boolean;
  alerted: boolean;
  /** Publish `inventory.low-stock`. */
  alert: boolean;
}

/** A change that would break `0 <= reserved <= onHand`; the transaction must roll back. */
export class StockInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StockInvariantError';
  }
}

const rowKey = (productId: string, warehouseId: string) => `${productId}/${warehouseId}`;

function availableIn(rows: Iterable<StockRow>, productId: string): number {
  let sum = 0;
  for (const row of rows) if (row.productId === productId) sum += row.onHand - row.reserved;
  return sum;
}

/**
 * The stock of a few products, locked for one transaction, and the changes made to it. Pure: the
 * use cases decide with it, the repository writes what it collected (one UPDATE for the rows, one
 * INSERT for the movements), and the outcome says which events to publish.
 */
export class StockLedger {
  private readonly products = new Map<string, ProductStockState>();
  private readonly rows = new Map<string, StockRow>();
  private readonly original = new Map<string, StockRow>();
  private readonly changeLog: StockChange[] = [];

  constructor(products: readonly ProductStockState[], rows: readonly StockRow[]) {
    for (const product of products) this.products.set(product.productId, { ...product });
    for (const row of rows) {
      this.rows.set(rowKey(row.productId, row.warehouseId), { ...row });
      this.original.set(rowKey(row.productId, row.warehouseId), { ...row });
    }
  }

  product(productId: string): ProductStockState | undefined {
    return this.products.get(productId);
  }

  /** The product's rows as they are now (changes included), in warehouse id order. */
  rowsOf(productId: string): StockRow[] {
    return [...this.rows.values()]
      .filter((row) => row.productId === productId)
      .sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0))
      .map((row) => ({ ...row }));
  }

  row(productId: string, warehouseId: string): StockRow | undefined {
    const row = this.rows.get(rowKey(productId, warehouseId));
    return row && { ...row };
  }

  available(productId: string): number {
    return availableIn(this.rows.values(), productId);
  }

  reserved(productId: string): number {
    let sum = 0;
    for (const row of this.rows.values()) if (row.productId === productId) sum += row.reserved;
    return sum;
  }

  /** Adds a row that does not exist in the database yet (the caller inserts it before saving). */
  addRow(productId: string, warehouseId: string): void {
    const key = rowKey(productId, warehouseId);
    if (this.rows.has(key)) return;
    const row = { productId, warehouseId, onHand: 0, reserved: 0 };
    this.rows.set(key, { ...row });
    this.original.set(key, { ...row });
  }

  apply(change: StockChange): void {
    if (change.deltaOnHand === 0 && change.deltaReserved === 0) return;
    const row = this.rows.get(rowKey(change.productId, change.warehouseId));
    if (!row) throw new StockInvariantError(`no stock row ${rowKey(change.productId, change.warehouseId)}`);
    const onHand = row.onHand + change.deltaOnHand;
    const reserved = row.reserved + change.deltaReserved;
    if (reserved < 0 || reserved > onHand) {
      throw new StockInvariantError(
        `stock ${rowKey(change.productId, change.warehouseId)} would become onHand ${onHand}, reserved ${reserved}`,
      );
    }
    row.onHand = onHand;
    row.reserved = reserved;
    this.changeLog.push({ ...change });
  }

  /** Every change, one movement each, in the order they were made. */
  movements(): StockChange[] {
    return this.changeLog.map((change) => ({ ...change }));
  }

  /** The net change per stock row, for one UPDATE; rows that ended where they started are left out. */
  netChanges(): { productId: string; warehouseId: string; deltaOnHand: number; deltaReserved: number }[] {
    const net: { productId: string; warehouseId: string; deltaOnHand: number; deltaReserved: number }[] = [];
    for (const [key, row] of this.rows) {
      const before = this.original.get(key)!;
      const deltaOnHand = row.onHand - before.onHand;
      const deltaReserved = row.reserved - before.reserved;
      if (deltaOnHand !== 0 || deltaReserved !== 0)
        net.push({ productId: row.productId, warehouseId: row.warehouseId, deltaOnHand, deltaReserved });
    }
    return net;
  }

  /** Availability and low-stock decision of every product that had a change. */
  outcomes(): ProductOutcome[] {
    const touched = [...new Set(this.changeLog.map((change) => change.productId))].sort();
    return touched.map((productId) => {
      const product = this.products.get(productId);
      if (!product) throw new StockInvariantError(`product ${productId} was changed without being locked`);
      const available = this.available(productId);
      const decision = lowStockDecision(product, available);
      return {
        productId,
        available,
        availableBefore: availableIn(this.original.values(), productId),
        threshold: product.threshold,
        alertedBefore: product.alerted,
        alerted: decision.alerted,
        alert: decision.alert,
      };
    });
  }
}
