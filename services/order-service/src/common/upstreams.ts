import { UpstreamClient, upstreamMetrics } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { SERVICE_NAME, type OrderConfig } from '../config';

/**
 * The client of one upstream; create one per upstream, since each holds that upstream's breaker.
 * Checkout waits on these calls, so the client's defaults suit it: one quick retry of a dropped
 * connection or a 502/503/504, and a breaker that refuses a failing upstream at once.
 */
export const upstreamClient = (config: OrderConfig, name: string, baseUrl: string): UpstreamClient =>
  new UpstreamClient({
    name,
    baseUrl,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    metrics: upstreamMetrics(),
    logger: createLogger(SERVICE_NAME),
  });
