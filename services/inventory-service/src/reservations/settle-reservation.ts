import { Injectable } from '@nestjs/common';
import type { ReservationRef } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { Outbox, type OutgoingEvent } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { SERVICE_NAME } from '../config';
import { StockChanges, SYSTEM_ACTOR } from '../stock/stock-changes';
import { allocate, mergeLines } from './allocation';
import { COMMIT_AVAILABLE, COMMIT_RESERVED, giveBack, moveLines, RESTOCK } from './line-movements';
import { committedEvent, releasedEvent, reservationFailedEvent } from './reservation.events';
import { decideSettlement, type Settlement } from './reservation-status';
import { ReservationsRepository, type Reservation } from './reservations.repository';
import { settlementsTotal } from './reservations.metrics';

export type SettleOutcome =
  'released' | 'committed' | 'late_committed' | 'late_commit_short' | 'restocked' | 'ignored' | 'unknown';

/**
 * `inventory.release`, `inventory.commit` and expiry. Each locks the reservation first, so commands
 * for one reservation queue up, and the status machine (RESERVED -> RELEASED | COMMITTED) makes a
 * repeated or out-of-order command a no-op that publishes nothing.
 */
@Injectable()
export class SettleReservationUseCase {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly outbox: Outbox,
    private readonly stock: StockChanges,
  ) {}

  release(tx: Tx, command: ReservationRef): Promise<SettleOutcome> {
    return this.settle(tx, command, 'release');
  }

  commit(tx: Tx, command: ReservationRef): Promise<SettleOutcome> {
    return this.settle(tx, command, 'commit');
  }

  /** Releases up to `limit` expired reservations; returns how many. Safe to run on every replica at once. */
  async expireBatch(tx: Tx, limit: number): Promise<number> {
    const expired = await ReservationsRepository.lockExpired(tx, limit);
    if (expired.length === 0) return 0;
    const ledger = await this.stock.open(
      tx,
      expired.flatMap((reservation) => reservation.lines.map((line) => line.productId)),
    );
    for (const reservation of expired)
      moveLines(ledger, reservation.lines, reservation.orderId, giveBack('expiry'));
    await ReservationsRepository.setStatus(
      tx,
      expired.map((reservation) => reservation.id),
      'RELEASED',
      'EXPIRED',
    );
    const stockEvents = await this.stock.save(tx, ledger, SYSTEM_ACTOR);
    await this.outbox.add(tx, ...expired.map(releasedEvent), ...stockEvents);
    settlementsTotal.inc({ settlement: 'expire', outcome: 'released' }, expired.length);
    return expired.length;
  }

  private async settle(tx: Tx, command: ReservationRef, settlement: Settlement): Promise<SettleOutcome> {
    const outcome = await this.decideAndApply(tx, command, settlement);
    settlementsTotal.inc({ settlement, outcome });
    return outcome;
  }

  private async decideAndApply(
    tx: Tx,
    command: ReservationRef,
    settlement: Settlement,
  ): Promise<SettleOutcome> {
    const reservation = await ReservationsRepository.lock(tx, command.reservationId);
    if (!reservation || reservation.orderId !== command.orderId) {
      // Nothing to undo or keep; a DLQ entry would not help anyone either.
      this.logger.warn({ ...command, settlement }, 'settlement for an unknown reservation ignored');
      return 'unknown';
    }
    const decision = decideSettlement(reservation.status, reservation.releaseReason, settlement);
    switch (decision) {
      case 'ignore':
        this.logger.info(
          { ...command, settlement, status: reservation.status },
          'repeated or out-of-order settlement ignored',
        );
        return 'ignored';
      case 'release':
        return this.releaseReserved(tx, reservation);
      case 'commit':
        return this.commitReserved(tx, reservation);
      case 'late-commit':
        return this.commitExpired(tx, reservation);
      case 'restock':
        return this.restockCommitted(tx, reservation);
    }
  }

  private async releaseReserved(tx: Tx, reservation: Reservation): Promise<SettleOutcome> {
    const ledger = await this.stock.open(
      tx,
      reservation.lines.map((line) => line.productId),
    );
    moveLines(ledger, reservation.lines, reservation.orderId, giveBack('release'));
    await ReservationsRepository.setStatus(tx, [reservation.id], 'RELEASED', 'RELEASED');
    await this.publish(tx, releasedEvent(reservation), await this.stock.save(tx, ledger, SYSTEM_ACTOR));
    return 'released';
  }

  private async commitReserved(tx: Tx, reservation: Reservation): Promise<SettleOutcome> {
    const ledger = await this.stock.open(
      tx,
      reservation.lines.map((line) => line.productId),
    );
    moveLines(ledger, reservation.lines, reservation.orderId, COMMIT_RESERVED);
    await ReservationsRepository.setStatus(tx, [reservation.id], 'COMMITTED', null);
    await this.publish(tx, committedEvent(reservation), await this.stock.save(tx, ledger, SYSTEM_ACTOR));
    return 'committed';
  }

  /**
   * The order was paid after its reservation expired. If the stock is still there it is taken now
   * (most stock first again, deleted products included: the sale happened). If not, stock is left
   * alone, the reservation turns FAILED (so a repeated commit changes nothing) and the order gets
   * `inventory.reservation-failed` with what is missing: without an answer the order would wait for
   * a commit that never comes, with the answer its saga can refund.
   */
  private async commitExpired(tx: Tx, reservation: Reservation): Promise<SettleOutcome> {
    const lines = mergeLines(reservation.lines);
    const ledger = await this.stock.open(
      tx,
      lines.map((line) => line.productId),
    );
    const result = allocate(
      lines,
      (productId) => ledger.product(productId) && { active: true, rows: ledger.rowsOf(productId) },
    );
    if (!result.ok) {
      this.logger.error(
        { orderId: reservation.orderId, reservationId: reservation.id, shortages: result.shortages },
        'commit after expiry: stock no longer available',
      );
      await ReservationsRepository.markFailed(tx, reservation.id, result.shortages);
      await this.outbox.add(tx, reservationFailedEvent(reservation.orderId, result.shortages));
      return 'late_commit_short';
    }
    moveLines(ledger, result.allocations, reservation.orderId, COMMIT_AVAILABLE);
    await ReservationsRepository.replaceLines(tx, reservation.id, result.allocations);
    await ReservationsRepository.setStatus(tx, [reservation.id], 'COMMITTED', null);
    await this.publish(tx, committedEvent(reservation), await this.stock.save(tx, ledger, SYSTEM_ACTOR));
    return 'late_committed';
  }

  /**
   * A confirmed order was cancelled before shipping: the committed units return on hand in the
   * warehouses they left. The reservation ends RELEASED by command, so a repeated release, or a
   * commit arriving after it, changes nothing.
   */
  private async restockCommitted(tx: Tx, reservation: Reservation): Promise<SettleOutcome> {
    const ledger = await this.stock.open(
      tx,
      reservation.lines.map((line) => line.productId),
    );
    moveLines(ledger, reservation.lines, reservation.orderId, RESTOCK);
    await ReservationsRepository.setStatus(tx, [reservation.id], 'RELEASED', 'RELEASED');
    await this.publish(tx, releasedEvent(reservation), await this.stock.save(tx, ledger, SYSTEM_ACTOR));
    return 'restocked';
  }

  private async publish(tx: Tx, event: OutgoingEvent, stockEvents: OutgoingEvent[]): Promise<void> {
    await this.outbox.add(tx, event, ...stockEvents);
  }
}
