import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { ORDER_CONFIG, type OrderConfig } from '../config';
import { checkoutsShedTotal } from './orders.metrics';
import { OrderErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';

/**
 * Turns checkouts away while too many sagas are waiting for an answer. Past what the platform
 * sustains, every accepted order only lengthens the queue in front of the sagas already running, so
 * without a bound each one waits longer for as long as the overload lasts; with it the excess gets
 * a fast 503 with Retry-After and the admitted sagas keep their pace.
 *
 * The count is the table's (every replica's sagas), read again when it is older than
 * ORDER_ADMISSION_REFRESH_MS, on a request and never on a timer, so an idle service does no work for
 * it. To it are added this replica's placements still running and those that finished after the
 * count began (which it may not have seen): a burst between two counts cannot overshoot the bound.
 */
@Injectable()
export class CheckoutAdmission {
  private counted = 0;
  private placing = 0;
  private placedSinceCount = 0;
  private countedAt = Number.NEGATIVE_INFINITY;
  private counting?: Promise<void>;

  constructor(
    private readonly db: Database,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  /** Runs the placement if the bound allows it; otherwise 503 CHECKOUT_BUSY. */
  async admitted<T>(placement: () => Promise<T>): Promise<T> {
    const limit = this.config.ORDER_MAX_SAGAS_IN_FLIGHT;
    if (limit === 0) return placement();
    if (performance.now() - this.countedAt > this.config.ORDER_ADMISSION_REFRESH_MS) await this.recount();
    if (this.counted + this.placing + this.placedSinceCount >= limit) {
      checkoutsShedTotal.inc();
      throw OrderErrors.checkoutBusy();
    }
    this.placing += 1;
    try {
      const placed = await placement();
      this.placedSinceCount += 1;
      return placed;
    } finally {
      this.placing -= 1;
    }
  }

  // Concurrent requests that find the count stale wait for one query. Placements that finished
  // before it began are in it; those finishing meanwhile stay counted here too (a few too many).
  private recount(): Promise<void> {
    const placedBefore = this.placedSinceCount;
    this.counting ??= OrdersRepository.inFlight(this.db.manager)
      .then((steps) => {
        this.counted = steps.reduce((sum, step) => sum + step.count, 0);
        this.placedSinceCount -= placedBefore;
        this.countedAt = performance.now();
      })
      .finally(() => {
        this.counting = undefined;
      });
    return this.counting;
  }
}
