import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createLogger, RequestContext } from '@ecommerce/observability';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import { IdempotencyRepository } from './idempotency.repository';
import { sagasInFlight } from './orders.metrics';
import { OrdersRepository } from './orders.repository';
import { SagaRunner } from './saga-runner';

/** Every this many sweeps the in-flight gauge and the expired idempotency keys are looked after. */
const HOUSEKEEPING_EVERY = 10;

/**
 * Cancels sagas whose step got no answer by its deadline (TIMEOUT, with compensation). Driven from
 * the orders table, so deadlines that passed while no replica ran fire at the next start. Every
 * replica sweeps: batches are claimed FOR UPDATE SKIP LOCKED, so replicas split the work and an
 * order whose answer is being applied right now is left alone (the answer wins).
 */
@Injectable()
export class TimeoutSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private sweeps = 0;

  constructor(
    private readonly db: Database,
    private readonly saga: SagaRunner,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One full sweep: batch after batch until one comes back short. Returns how many timed out. */
  async sweep(): Promise<number> {
    const batchSize = this.config.SAGA_SWEEP_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const timedOut = await RequestContext.run({ correlationId: randomUUID(), causationId: null }, () =>
        this.db.transaction(async (tx) => {
          const expired = await OrdersRepository.claimExpired(tx, batchSize);
          for (const order of expired) await this.saga.applyToLocked(tx, order, { type: 'STEP_TIMED_OUT' });
          return expired.length;
        }),
      );
      total += timedOut;
      if (timedOut < batchSize || this.stopped) return total;
    }
  }

  /** Refreshes the in-flight gauge from the table (an index-only count of waiting sagas). */
  async refreshInFlight(): Promise<void> {
    const counts = await OrdersRepository.inFlight(this.db.manager);
    sagasInFlight.reset();
    for (const step of ['reservation', 'payment'] as const)
      sagasInFlight.set({ step }, counts.find((row) => row.step === step)?.count ?? 0);
  }

  private async housekeeping(): Promise<void> {
    await this.refreshInFlight();
    await IdempotencyRepository.purgeExpired(this.db.manager, 1_000);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const housekeeping = this.sweeps++ % HOUSEKEEPING_EVERY === 0;
      this.running = this.sweep()
        .then(async (timedOut) => {
          if (timedOut > 0) this.logger.warn({ timedOut }, 'sagas cancelled after a step timed out');
          if (housekeeping) await this.housekeeping();
        })
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'saga sweep failed; retrying at the next interval'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.SAGA_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }
}
