import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import { snapshotOf, type OrderRecord } from './order.model';
import { decide, isCheckoutOver, isFinal, stepOf, type SagaDecision, type SagaEvent } from './order-saga';
import { OrdersRepository } from './orders.repository';
import {
  ordersCompletedTotal,
  sagaCompensationsTotal,
  sagaDuration,
  sagaEventsTotal,
  sagaStepDuration,
  sagaTimeoutsTotal,
} from './orders.metrics';
import { commandEvent } from './saga-commands';
import { statusChannel, type StatusChange } from './status-channel';

export type SagaOutcome =
  { kind: 'unknown_order' } | { kind: 'applied'; order: OrderRecord; decision: SagaDecision };

/**
 * Applies one saga event to one order inside the caller's transaction: lock the row, let the pure
 * state machine decide, then store the new state, the timeline entry, the commands (outbox) and the
 * live-status notification together. Either all of it commits or none of it.
 */
@Injectable()
export class SagaRunner {
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly channel: string;

  constructor(
    private readonly outbox: Outbox,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {
    this.channel = statusChannel(config.DATABASE_SCHEMA);
  }

  async apply(tx: Tx, orderId: string, event: SagaEvent): Promise<SagaOutcome> {
    const order = await OrdersRepository.lock(tx, orderId);
    if (!order) {
      sagaEventsTotal.inc({ event: event.type, outcome: 'unknown_order' });
      return { kind: 'unknown_order' };
    }
    return { kind: 'applied', ...(await this.applyToLocked(tx, order, event)) };
  }

  /** For an order the caller already holds FOR UPDATE (the timeout sweeper). */
  async applyToLocked(
    tx: Tx,
    order: OrderRecord,
    event: SagaEvent,
  ): Promise<{ order: OrderRecord; decision: SagaDecision }> {
    const decision = decide(snapshotOf(order), event);
    if (decision.kind !== 'transition') {
      sagaEventsTotal.inc({
        event: event.type,
        outcome: decision.kind === 'ignore' ? 'ignored' : 'rejected',
      });
      this.logger.info(
        { orderId: order.id, status: order.status, event: event.type, decision },
        'saga event not applied',
      );
      return { order, decision };
    }

    const { next, commands } = decision;
    const step = stepOf(next.status);
    const stepChanged = step !== order.step;
    const updatedAt = await OrdersRepository.saveSaga(
      tx,
      order.id,
      next,
      step,
      stepChanged,
      this.config.ORDER_STEP_TIMEOUT_MS,
    );
    const updated: OrderRecord = { ...order, ...next, step, updatedAt };
    const statusChanged = next.status !== order.status;
    if (statusChanged)
      await OrdersRepository.appendStatus(tx, order.id, next.status, decision.timeline, {
        channel: this.channel,
        change: statusChangeOf(updated),
      });
    else if (decision.timeline)
      await OrdersRepository.appendTimeline(tx, order.id, next.status, decision.timeline);
    if (commands.length > 0)
      await this.outbox.add(tx, ...commands.map((command) => commandEvent(updated, command)));

    this.record(order, updated, event, decision);
    // One line per transition, carrying the checkout's trace id: the saga's story in the logs.
    this.logger.info(
      {
        orderId: order.id,
        event: event.type,
        from: order.status,
        to: updated.status,
        commands: commands.map((command) => command.type),
      },
      'saga transition',
    );
    return { order: updated, decision };
  }

  // Metrics are counted before the commit; a rolled-back transaction is retried and counted again,
  // which is rare enough not to skew rates.
  private record(
    before: OrderRecord,
    after: OrderRecord,
    event: SagaEvent,
    decision: Extract<SagaDecision, { kind: 'transition' }>,
  ): void {
    sagaEventsTotal.inc({ event: event.type, outcome: 'transition' });
    if (before.step && before.step !== after.step && before.stepStartedAt) {
      const outcome = event.type === 'STEP_TIMED_OUT' ? 'timeout' : 'answered';
      sagaStepDuration.observe(
        { step: before.step, outcome },
        (Date.now() - before.stepStartedAt.getTime()) / 1000,
      );
      if (event.type === 'STEP_TIMED_OUT') sagaTimeoutsTotal.inc({ step: before.step });
    }
    if (!isCheckoutOver(before.status) && isCheckoutOver(after.status)) {
      ordersCompletedTotal.inc({ status: after.status, reason: after.cancellationReason ?? 'none' });
      sagaDuration.observe({ status: after.status }, (Date.now() - before.createdAt.getTime()) / 1000);
    }
    for (const command of decision.commands) {
      if (command.type === 'RELEASE_STOCK') sagaCompensationsTotal.inc({ action: 'release' });
      if (command.type === 'REFUND_PAYMENT') sagaCompensationsTotal.inc({ action: 'refund' });
    }
  }
}

/** What the order's live streams hear of its new status; the statement adds the time. */
const statusChangeOf = (order: OrderRecord): Omit<StatusChange, 'at'> => ({
  orderId: order.id,
  status: order.status,
  ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
  final: isFinal(order),
});
