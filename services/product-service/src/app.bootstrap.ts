import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadProductServiceConfig, SERVICE_NAME } from './config';
import { productServiceCachedReads } from './products/product-cached-read';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadProductServiceConfig();
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'product-service',
    description:
      'The catalog: products, categories, multi-currency prices and FX rates, with a Redis read cache.',
    logger,
    cachedReads: productServiceCachedReads,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info(
    { port: config.PORT, baseCurrency: config.BASE_CURRENCY },
    `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`,
  );
}
