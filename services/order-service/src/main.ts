import { startTracing } from '@ecommerce/observability';

// Tracing first: the instrumentations patch http, pg and kafkajs as they are loaded,
// so the app is only required after the SDK is running.
startTracing('order-service');

import('./app.bootstrap')
  .then(({ bootstrap }) => bootstrap())
  .catch((error: unknown) => {
    console.error(
      JSON.stringify({
        level: 'fatal',
        service: 'order-service',
        msg: 'start-up failed',
        err: String(error instanceof Error ? error.message : error),
      }),
    );
    process.exit(1);
  });
