import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadOrderConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadOrderConfig();
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'order-service',
    description:
      'Checkout and the order saga: reserve stock, take payment, confirm or compensate; order history, cancellation and live status.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
