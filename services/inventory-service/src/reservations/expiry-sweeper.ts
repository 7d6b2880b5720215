import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createLogger, RequestContext } from '@ecommerce/observability';
import { INVENTORY_CONFIG, SERVICE_NAME, type InventoryConfig } from '../config';
import { SettleReservationUseCase } from './settle-reservation';

/**
 * Releases expired reservations every RESERVATION_SWEEP_INTERVAL_MS, in batches of
 * RESERVATION_SWEEP_BATCH_SIZE, each batch in its own transaction. Every replica runs one: batches
 * are claimed with SKIP LOCKED, so they split the work and never release a reservation twice.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly settle: SettleReservationUseCase,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One full sweep: batch after batch until a batch comes back short. Returns how many were released. */
  async sweep(): Promise<number> {
    const batchSize = this.config.RESERVATION_SWEEP_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const released = await RequestContext.run({ correlationId: randomUUID(), causationId: null }, () =>
        this.db.transaction((tx) => this.settle.expireBatch(tx, batchSize)),
      );
      total += released;
      if (released < batchSize || this.stopped) return total;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then((released) => {
          if (released > 0) this.logger.info({ released }, 'expired reservations released');
        })
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'reservation sweep failed; retrying at the next interval'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.RESERVATION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }
}
