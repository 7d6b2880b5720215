import { redactConfig } from '@ecommerce/config';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadPaymentConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadPaymentConfig();
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'payment-service',
    description:
      'Payments through Stripe or the built-in sandbox: fraud rules, charges and refunds that never happen twice, Stripe webhooks and reconciliation.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
