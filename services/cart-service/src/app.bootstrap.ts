import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadCartServiceConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadCartServiceConfig();
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'cart-service',
    description:
      'Guest and user carts in Redis, priced live from product-service and checked against inventory-service.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
