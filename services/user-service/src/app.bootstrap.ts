import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadUserServiceConfig, SERVICE_NAME } from './config';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadUserServiceConfig();
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'user-service',
    description: 'Accounts, login, rotating refresh tokens, profiles, addresses and roles.',
    logger,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`);
}
