import { startTracing } from '@ecommerce/observability';

// Tracing first: the instrumentations patch http, ioredis and kafkajs as they are loaded,
// so the app is only required after the SDK is running.
startTracing('search-service');

import('./app.bootstrap')
  .then(({ bootstrap }) => bootstrap())
  .catch((error: unknown) => {
    console.error(
      JSON.stringify({
        level: 'fatal',
        service: 'search-service',
        msg: 'start-up failed',
        err: String(error instanceof Error ? error.message : error),
      }),
    );
    process.exit(1);
  });
