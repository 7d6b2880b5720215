import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@ecommerce/database';
import type { OutgoingEvent } from '@ecommerce/messaging';
import { INVENTORY_CONFIG, type InventoryConfig } from '../config';
import { lowStockAlertsTotal } from './stock.metrics';
import { StockLedger } from './stock-ledger';
import { StockRepository } from './stock.repository';

/** Who made a change, for the movement log: an admin's user id, or the service itself. */
export type Actor = string;
export const SYSTEM_ACTOR: Actor = 'system';

/**
 * The one way into stock for every use case: lock the products, decide on a ledger, save it. Saving
 * returns the events the change causes (`inventory.stock-changed` per product whose availability
 * changed, `inventory.low-stock`
 * on a crossing), for the caller to add to the outbox with its own event in the same transaction.
 */
@Injectable()
export class StockChanges {
  constructor(
    @Inject(INVENTORY_CONFIG) private readonly config: Pick<InventoryConfig, 'LOW_STOCK_THRESHOLD'>,
  ) {}

  /** Locks the products (sorted, see `lockProducts`) and reads their stock into a ledger. */
  async open(tx: Tx, productIds: readonly string[]): Promise<StockLedger> {
    const ids = [...new Set(productIds)].sort();
    const products = await StockRepository.lockProducts(tx, ids);
    const rows = await StockRepository.stockRows(
      tx,
      products.map((product) => product.productId),
    );
    return new StockLedger(
      products.map((product) => ({
        productId: product.productId,
        active: product.active,
        threshold: product.ownThreshold ?? this.config.LOW_STOCK_THRESHOLD,
        alerted: product.alerted,
      })),
      rows,
    );
  }

  async save(tx: Tx, ledger: StockLedger, actor: Actor): Promise<OutgoingEvent[]> {
    const outcomes = ledger.outcomes();
    await StockRepository.save(tx, ledger, actor, outcomes);
    const events: OutgoingEvent[] = [];
    for (const outcome of outcomes) {
      // The event says that availability changed; a commit only moves reserved units out.
      if (outcome.available !== outcome.availableBefore) {
        events.push({
          type: 'inventory.stock-changed',
          aggregateId: outcome.productId,
          data: { productId: outcome.productId, available: outcome.available },
        });
      }
      if (outcome.alert) events.push(lowStockEvent(outcome.productId, outcome.available, outcome.threshold));
    }
    return events;
  }
}

/** The one place a low-stock alert is made, so the metric counts every alert, whatever caused it. */
export function lowStockEvent(
  productId: string,
  available: number,
  threshold: number,
): OutgoingEvent<'inventory.low-stock'> {
  lowStockAlertsTotal.inc();
  return { type: 'inventory.low-stock', aggregateId: productId, data: { productId, available, threshold } };
}
