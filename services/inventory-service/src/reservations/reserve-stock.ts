import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReserveStock as ReserveCommand } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { INVENTORY_CONFIG, type InventoryConfig } from '../config';
import { StockChanges, SYSTEM_ACTOR } from '../stock/stock-changes';
import { allocate, mergeLines, type Allocation, type Shortage } from './allocation';
import { currentOutcomeEvent, reservationFailedEvent, reservedEvent } from './reservation.events';
import { effectiveExpiry } from './reservation-status';
import { ReservationsRepository } from './reservations.repository';
import { reservationsTotal, reserveDuration } from './reservations.metrics';

export type ReserveOutcome =
  | { outcome: 'reserved'; reservationId: string; lines: Allocation[] }
  | { outcome: 'out_of_stock'; reservationId: string; shortages: Shortage[] }
  | { outcome: 'duplicate'; reservationId: string };

/**
 * `inventory.reserve`: every line of an order or none, in the caller's transaction (the consumer's,
 * with its inbox row). Overselling is impossible by construction: the products' rows are locked in
 * id order before their stock is read, so concurrent reservations of one product queue up and each
 * sees what the previous one left; the guarded UPDATE and the table's CHECKs back that up.
 */
@Injectable()
export class ReserveStockUseCase {
  constructor(
    private readonly outbox: Outbox,
    private readonly stock: StockChanges,
    @Inject(INVENTORY_CONFIG) private readonly config: Pick<InventoryConfig, 'RESERVATION_TTL_SECONDS'>,
  ) {}

  async execute(tx: Tx, command: ReserveCommand): Promise<ReserveOutcome> {
    const stopTimer = reserveDuration.startTimer();
    try {
      const outcome = await this.reserve(tx, command);
      reservationsTotal.inc({ outcome: outcome.outcome });
      return outcome;
    } finally {
      stopTimer();
    }
  }

  private async reserve(tx: Tx, command: ReserveCommand): Promise<ReserveOutcome> {
    const reservation = { id: randomUUID(), orderId: command.orderId, expiresAt: effectiveExpiry(command.expiresAt, new Date(), this.config.RESERVATION_TTL_SECONDS) };
    if (!(await ReservationsRepository.claim(tx, reservation))) {
      // Same order again (a retried command with a new event id): say again how it went, change nothing.
      const existing = (await ReservationsRepository.findByOrder(tx, command.orderId))!;
      await this.outbox.add(tx, currentOutcomeEvent(existing));
      return { outcome: 'duplicate', reservationId: existing.id };
    }

    const lines = mergeLines(command.items);
    const ledger = await this.stock.open(tx, lines.map((line) => line.productId));
    const result = allocate(lines, (productId) => {
      const product = ledger.product(productId);
      return product && { active: product.active, rows: ledger.rowsOf(productId) };
    });
    if (!result.ok) {
      await ReservationsRepository.markFailed(tx, reservation.id, result.shortages);
      await this.outbox.add(tx, reservationFailedEvent(command.orderId, result.shortages));
      return { outcome: 'out_of_stock', reservationId: reservation.id, shortages: result.shortages };
    }

    for (const line of result.allocations) {
      const { productId, warehouseId, quantity } = line;
      ledger.apply({ productId, warehouseId, deltaOnHand: 0, deltaReserved: quantity, reason: 'reservation', reference: command.orderId });
    }
    const stockEvents = await this.stock.save(tx, ledger, SYSTEM_ACTOR);
    await ReservationsRepository.insertLines(tx, reservation.id, result.allocations);
    await this.outbox.add(tx, reservedEvent({ ...reservation, lines: result.allocations }), ...stockEvents);
    return { outcome: 'reserved', reservationId: reservation.id, lines: result.allocations };
  }
}
