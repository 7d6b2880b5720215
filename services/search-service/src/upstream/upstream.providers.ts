import type { Provider } from '@nestjs/common';
import { UpstreamClient, upstreamMetrics } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';
import { ProductSource } from './product-source';
import { StockSource } from './stock-source';

// Only a rebuild and the category seed call out, in the background: a few patient retries cost
// nobody a wait, and the breaker spares a rebuild a timeout per product while an upstream is down.
const client = (config: SearchServiceConfig, name: string, baseUrl: string) =>
  new UpstreamClient({
    name,
    baseUrl,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retries: 2,
    retryBackoffMs: 300,
    metrics: upstreamMetrics(),
    logger: createLogger(SERVICE_NAME),
  });

export const upstreamProviders: Provider[] = [
  {
    provide: ProductSource,
    useFactory: (config: SearchServiceConfig) =>
      new ProductSource(client(config, 'product-service', config.PRODUCT_SERVICE_URL), config.BASE_CURRENCY),
    inject: [SEARCH_SERVICE_CONFIG],
  },
  {
    provide: StockSource,
    useFactory: (config: SearchServiceConfig) =>
      new StockSource(client(config, 'inventory-service', config.INVENTORY_SERVICE_URL)),
    inject: [SEARCH_SERVICE_CONFIG],
  },
];
