import type { Provider } from '@nestjs/common';
import { SEARCH_SERVICE_CONFIG, type SearchServiceConfig } from '../config';
import { ProductSource } from './product-source';
import { StockSource } from './stock-source';

export const upstreamProviders: Provider[] = [
  {
    provide: ProductSource,
    useFactory: (config: SearchServiceConfig) =>
      new ProductSource(
        config.PRODUCT_SERVICE_URL.replace(/\/+$/, ''),
        config.UPSTREAM_TIMEOUT_MS,
        config.BASE_CURRENCY,
      ),
    inject: [SEARCH_SERVICE_CONFIG],
  },
  {
    provide: StockSource,
    useFactory: (config: SearchServiceConfig) =>
      new StockSource(config.INVENTORY_SERVICE_URL.replace(/\/+$/, ''), config.UPSTREAM_TIMEOUT_MS),
    inject: [SEARCH_SERVICE_CONFIG],
  },
];
