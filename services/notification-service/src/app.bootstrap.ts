import { redactConfig } from '@ecommerce/config';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadNotificationConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadNotificationConfig();
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  if (!config.SENDGRID_API_KEY)
    logger.warn('SENDGRID_API_KEY is not set: emails are rendered to the log, not sent');
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'notification-service',
    description:
      'Email through SendGrid and in-app notifications on order, payment, account and stock events; templates, preferences and a delivery log with retries.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
