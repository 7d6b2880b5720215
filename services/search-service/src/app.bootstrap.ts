import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createAppModule } from './app.module';
import { loadSearchServiceConfig, SERVICE_NAME } from './config';
import { searchServiceCachedReads } from './search/search-cached-read';

export async function bootstrap(): Promise<void> {
  const logger = createLogger(SERVICE_NAME);
  const config = loadSearchServiceConfig();
  const app = await createServiceApp(createAppModule(config), {
    service: SERVICE_NAME,
    title: 'search-service',
    description: 'Full-text product search with facets, typo tolerance, autocomplete and similar products.',
    logger,
    cachedReads: searchServiceCachedReads,
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.info(
    { port: config.PORT, alias: config.SEARCH_INDEX_ALIAS },
    `${SERVICE_NAME} listening on http://127.0.0.1:${config.PORT}`,
  );
}
