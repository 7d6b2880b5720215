import { redactConfig } from '@ecommerce/config';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadInventoryConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadInventoryConfig();
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'inventory-service',
    description:
      'Warehouses, stock per warehouse, reservations with expiry (never oversold), low-stock alerts and the stock audit trail.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
