import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import type { UpstreamClient } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { upstreamClient } from '../common/upstreams';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import { OrderErrors } from '../orders/orders.errors';
import type { FxTable } from './price-lines';

const RATE = /^\d{1,9}(\.\d{1,12})?$/;

/** Checks product-service's answer; anything unexpected is not used for money. */
export function parseFxTable(body: unknown): FxTable {
  const table = body as { base?: unknown; rates?: unknown } | null;
  if (
    typeof table?.base !== 'string' ||
    !CURRENCY_PATTERN.test(table.base) ||
    typeof table.rates !== 'object' ||
    table.rates === null
  ) {
    throw new Error('FX table without base or rates');
  }
  const rates: Record<string, string> = {};
  for (const [currency, rate] of Object.entries(table.rates)) {
    if (CURRENCY_PATTERN.test(currency) && typeof rate === 'string' && RATE.test(rate) && Number(rate) > 0)
      rates[currency] = rate;
  }
  return { base: table.base, rates };
}

/**
 * product-service's FX table, kept in memory and refreshed in the background, so orders in a
 * currency without an explicit price are priced exactly as the catalog shows them without a call
 * per order. A table older than FX_MAX_AGE_MS is not trusted: one refresh is tried, then 503.
 */
@Injectable()
export class FxRates implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private table?: FxTable;
  private loadedAt = 0;
  private inFlight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly products: UpstreamClient;

  constructor(@Inject(ORDER_CONFIG) private readonly config: OrderConfig) {
    this.products = upstreamClient(config, 'product-service', config.PRODUCT_SERVICE_URL);
  }

  onApplicationBootstrap(): void {
    // Not awaited: the service starts even when product-service is down; orders that need a rate wait for it.
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.FX_REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** A fresh enough table; refreshes once if the one held is missing or too old. */
  async current(): Promise<FxTable> {
    if (!this.isFresh()) await this.refresh();
    if (!this.table || !this.isFresh()) throw OrderErrors.fxUnavailable();
    return this.table;
  }

  private isFresh(): boolean {
    return this.table !== undefined && Date.now() - this.loadedAt <= this.config.FX_MAX_AGE_MS;
  }

  /** One fetch at a time; failures keep the last good table and are logged. */
  refresh(): Promise<void> {
    this.inFlight ??= this.products
      .get('/api/products/fx-rates', parseFxTable)
      .then((table) => {
        this.table = table;
        this.loadedAt = Date.now();
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'FX rates could not be refreshed; keeping the last table'),
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
