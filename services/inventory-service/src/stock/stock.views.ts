import type { StockLedger } from './stock-ledger';
import type { ProductStockSummary } from './stock.repository';

/** `GET /api/inventory/:productId` */
export interface StockView {
  productId: string;
  active: boolean;
  available: number;
  reserved: number;
  warehouses: { warehouseId: string; onHand: number; reserved: number }[];
}

export const toStockView = (summary: ProductStockSummary): StockView => ({
  productId: summary.productId,
  active: summary.active,
  available: summary.available,
  reserved: summary.reserved,
  warehouses: summary.warehouses,
});

export const stockViewOf = (ledger: StockLedger, productId: string): StockView => ({
  productId,
  active: ledger.product(productId)?.active ?? false,
  available: ledger.available(productId),
  reserved: ledger.reserved(productId),
  warehouses: ledger
    .rowsOf(productId)
    .map(({ warehouseId, onHand, reserved }) => ({ warehouseId, onHand, reserved })),
});

export interface ThresholdView {
  productId: string;
  threshold: number;
  available: number;
  lowStock: boolean;
}

export interface LowStockItem {
  productId: string;
  available: number;
  reserved: number;
  threshold: number;
}
