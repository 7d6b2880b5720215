import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createLogger, RequestContext } from '@ecommerce/observability';
import { PAYMENT_CONFIG, SERVICE_NAME, type PaymentConfig } from '../config';
import { Reconciler } from './reconciler';

/** Runs the reconciliation every RECONCILIATION_INTERVAL_MS (0: never) on every replica; rows are shared with SKIP LOCKED. */
@Injectable()
export class ReconciliationJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly reconciler: Reconciler,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RECONCILIATION_INTERVAL_MS > 0) this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = RequestContext.run({ correlationId: randomUUID(), causationId: null }, () =>
        this.reconciler.run(),
      )
        .then((report) => {
          if (report.mismatches > 0) this.logger.info({ ...report }, 'reconciliation finished');
        })
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'reconciliation failed; retrying at the next interval'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.RECONCILIATION_INTERVAL_MS);
    this.timer.unref();
  }
}
