import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { offsetOf, type Page } from '@ecommerce/http';
import { Outbox } from '@ecommerce/messaging';
import { INVENTORY_CONFIG, type InventoryConfig } from '../config';
import { WarehouseErrors } from '../warehouses/warehouses.errors';
import { WarehousesRepository } from '../warehouses/warehouses.repository';
import { lowStockDecision } from './low-stock';
import type { MovementView } from './movement.views';
import { MovementsRepository } from './movements.repository';
import { lowStockEvent, StockChanges, type Actor } from './stock-changes';
import { StockErrors } from './stock.errors';
import { stockAdjustmentsTotal } from './stock.metrics';
import { StockRepository } from './stock.repository';
import {
  stockViewOf,
  toStockView,
  type LowStockItem,
  type StockView,
  type ThresholdView,
} from './stock.views';

/** Stock reads and the admin's changes: counted stock per warehouse, thresholds, the audit trail. */
@Injectable()
export class StockService {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly stock: StockChanges,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
  ) {}

  async get(productId: string): Promise<StockView> {
    const summary = await StockRepository.summary(this.db.manager, productId);
    if (!summary) throw StockErrors.productNotFound();
    return toStockView(summary);
  }

  /** Sets the counted quantity of a product in a warehouse (a stock take or a delivery). */
  async setOnHand(actor: Actor, productId: string, warehouseId: string, onHand: number): Promise<StockView> {
    return this.db.transaction(async (tx) => {
      if (!(await WarehousesRepository.findById(tx, warehouseId))) throw WarehouseErrors.notFound();
      const ledger = await this.stock.open(tx, [productId]);
      if (!ledger.product(productId)) throw StockErrors.productNotFound();
      if (!ledger.row(productId, warehouseId)) {
        await StockRepository.insertEmptyRow(tx, productId, warehouseId);
        ledger.addRow(productId, warehouseId);
      }
      const row = ledger.row(productId, warehouseId)!;
      // Units promised to orders stay promised: lower the count only after releasing them.
      if (onHand < row.reserved) throw StockErrors.belowReserved(row.reserved);
      const delta = onHand - row.onHand;
      if (delta !== 0) {
        const reason = delta > 0 ? 'restock' : 'adjustment';
        ledger.apply({
          productId,
          warehouseId,
          deltaOnHand: delta,
          deltaReserved: 0,
          reason,
          reference: null,
        });
        await this.outbox.add(tx, ...(await this.stock.save(tx, ledger, actor)));
        stockAdjustmentsTotal.inc({ reason });
      }
      return stockViewOf(ledger, productId);
    });
  }

  /** A product's own low-stock threshold; a product already at or below it alerts now, once. */
  async setThreshold(productId: string, threshold: number): Promise<ThresholdView> {
    return this.db.transaction(async (tx) => {
      const ledger = await this.stock.open(tx, [productId]);
      const product = ledger.product(productId);
      if (!product) throw StockErrors.productNotFound();
      const available = ledger.available(productId);
      await StockRepository.setThreshold(tx, productId, threshold);
      const decision = lowStockDecision({ threshold, alerted: product.alerted }, available);
      if (decision.alerted !== product.alerted)
        await StockRepository.setAlerted(tx, productId, decision.alerted);
      if (decision.alert) await this.outbox.add(tx, lowStockEvent(productId, available, threshold));
      return { productId, threshold, available, lowStock: available <= threshold };
    });
  }

  async lowStock(query: { page: number; limit: number }): Promise<Page<LowStockItem>> {
    const { items, total } = await StockRepository.lowStockPage(
      this.db.manager,
      this.config.LOW_STOCK_THRESHOLD,
      offsetOf(query),
      query.limit,
    );
    return { items, page: query.page, limit: query.limit, total };
  }

  async movements(productId: string, query: { page: number; limit: number }): Promise<Page<MovementView>> {
    if (!(await StockRepository.exists(this.db.manager, productId))) throw StockErrors.productNotFound();
    const { items, total } = await MovementsRepository.page(
      this.db.manager,
      productId,
      offsetOf(query),
      query.limit,
    );
    return { items, page: query.page, limit: query.limit, total };
  }
}
