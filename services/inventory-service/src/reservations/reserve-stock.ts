import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReserveStock as ReserveCommand } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import type { TypedEnvelope } from '@ecommerce/contracts';
import { Outbox, withEventContext, type OutgoingEvent } from '@ecommerce/messaging';
import { INVENTORY_CONFIG, type InventoryConfig } from '../config';
import { StockChanges, SYSTEM_ACTOR } from '../stock/stock-changes';
import type { StockLedger } from '../stock/stock-ledger';
import { allocate, mergeLines, type Allocation, type Shortage } from './allocation';
import { currentOutcomeEvent, reservationFailedEvent, reservedEvent } from './reservation.events';
import { moveLines, RESERVE } from './line-movements';
import { effectiveExpiry } from './reservation-status';
import { ReservationsRepository } from './reservations.repository';
import { reservationsTotal, reserveDuration } from './reservations.metrics';

/** What `allocate` needs to know of a product, read from the transaction's ledger. */
const stockIn = (ledger: StockLedger) => (productId: string) => {
  const product = ledger.product(productId);
  return product && { active: product.active, rows: ledger.rowsOf(productId) };
};

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

  /**
   * Many `inventory.reserve` commands in one transaction, in their order, with set-based SQL: one
   * statement claims every order, one locks every product involved (sorted, so concurrent batches
   * queue instead of deadlocking, and nothing oversells), the stock is decided in memory command
   * after command on one ledger, then lines, failures, stock and the outbox are written with one
   * statement each.
   * Each command's answer names it as its cause; the `inventory.stock-changed` events of the batch
   * carry each product's availability after the whole batch and name the last command as cause.
   * A command for an order that already has a reservation is answered, as alone, after the others.
   */
  async executeBatch(tx: Tx, commands: ReadonlyArray<TypedEnvelope<'inventory.reserve'>>): Promise<void> {
    if (commands.length === 0) return;
    const now = new Date();
    const reservations = commands.map((event) => ({
      event,
      id: randomUUID(),
      orderId: event.data.orderId,
      expiresAt: effectiveExpiry(event.data.expiresAt, now, this.config.RESERVATION_TTL_SECONDS),
    }));
    const claimed = await ReservationsRepository.claimAll(tx, reservations);
    const fresh = reservations.filter((reservation) => claimed.delete(reservation.orderId));
    const repeated = reservations.filter((reservation) => !fresh.includes(reservation));

    const ledger = await this.stock.open(
      tx,
      fresh.flatMap(({ event }) => event.data.items.map((item) => item.productId)),
    );
    const lines: Array<Allocation & { reservationId: string }> = [];
    const failures: Array<{ reservationId: string; shortages: Shortage[] }> = [];
    const answers: Array<{ event: TypedEnvelope<'inventory.reserve'>; answer: OutgoingEvent }> = [];
    for (const reservation of fresh) {
      const { event } = reservation;
      const result = allocate(mergeLines(event.data.items), stockIn(ledger));
      if (!result.ok) {
        failures.push({ reservationId: reservation.id, shortages: result.shortages });
        answers.push({ event, answer: reservationFailedEvent(reservation.orderId, result.shortages) });
        reservationsTotal.inc({ outcome: 'out_of_stock' });
        continue;
      }
      moveLines(ledger, result.allocations, reservation.orderId, RESERVE);
      lines.push(...result.allocations.map((line) => ({ ...line, reservationId: reservation.id })));
      answers.push({ event, answer: reservedEvent({ ...reservation, lines: result.allocations }) });
      reservationsTotal.inc({ outcome: 'reserved' });
    }
    const stockEvents = await this.stock.save(tx, ledger, SYSTEM_ACTOR);
    await ReservationsRepository.insertLinesOfMany(tx, lines);
    await ReservationsRepository.markAllFailed(tx, failures);
    await this.outbox.addCaused(tx, [
      ...answers.map(({ event, answer }) => ({ cause: event, events: [answer] })),
      { cause: commands.at(-1)!, events: stockEvents },
    ]);

    for (const { event } of repeated) {
      await withEventContext(event, async () => {
        const existing = (await ReservationsRepository.findByOrder(tx, event.data.orderId))!;
        await this.outbox.add(tx, currentOutcomeEvent(existing));
      });
      reservationsTotal.inc({ outcome: 'duplicate' });
    }
  }

  private async reserve(tx: Tx, command: ReserveCommand): Promise<ReserveOutcome> {
    const reservation = {
      id: randomUUID(),
      orderId: command.orderId,
      expiresAt: effectiveExpiry(command.expiresAt, new Date(), this.config.RESERVATION_TTL_SECONDS),
    };
    if (!(await ReservationsRepository.claim(tx, reservation))) {
      // Same order again (a retried command with a new event id): say again how it went, change nothing.
      const existing = (await ReservationsRepository.findByOrder(tx, command.orderId))!;
      await this.outbox.add(tx, currentOutcomeEvent(existing));
      return { outcome: 'duplicate', reservationId: existing.id };
    }

    const lines = mergeLines(command.items);
    const ledger = await this.stock.open(
      tx,
      lines.map((line) => line.productId),
    );
    const result = allocate(lines, stockIn(ledger));
    if (!result.ok) {
      await ReservationsRepository.markFailed(tx, reservation.id, result.shortages);
      await this.outbox.add(tx, reservationFailedEvent(command.orderId, result.shortages));
      return { outcome: 'out_of_stock', reservationId: reservation.id, shortages: result.shortages };
    }

    moveLines(ledger, result.allocations, command.orderId, RESERVE);
    const stockEvents = await this.stock.save(tx, ledger, SYSTEM_ACTOR);
    await ReservationsRepository.insertLines(tx, reservation.id, result.allocations);
    await this.outbox.add(tx, reservedEvent({ ...reservation, lines: result.allocations }), ...stockEvents);
    return { outcome: 'reserved', reservationId: reservation.id, lines: result.allocations };
  }
}
