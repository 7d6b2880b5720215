import { register } from 'prom-client';
import { createTestSchema, type TestSchema } from '@ecommerce/testing';
import { createDataSource, initializeDataSource, unwatchPool, watchPool } from '@ecommerce/database';

describe('db_pool_connections', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('messaging_test', 'messaging');
  });
  afterAll(() => schema.drop());

  it('shows the open, idle and waiting connections of the pool at scrape time', async () => {
    const dataSource = createDataSource({
      env: {
        DATABASE_HOST: process.env.DATABASE_HOST ?? '127.0.0.1',
        DATABASE_PORT: Number(process.env.DATABASE_PORT ?? 5432),
        DATABASE_NAME: 'messaging_test',
        DATABASE_USER: 'messaging',
        DATABASE_PASSWORD: 'messaging',
        DATABASE_POOL_SIZE: 2,
        DATABASE_SSL: false,
        DATABASE_SCHEMA: schema.name,
      },
      entities: [],
      migrations: [],
      applicationName: 'pool-metrics-test',
    });
    await initializeDataSource(dataSource);
    watchPool(dataSource);
    const states = async () =>
      Object.fromEntries(
        (await register.getSingleMetric('db_pool_connections')!.get()).values.map((value) => [
          value.labels.state,
          value.value,
        ]),
      );
    try {
      // Two slow queries hold both connections; a third waits for one.
      const busy = [1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.5)'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await states()).toEqual({ total: 2, idle: 0, waiting: 1 });
      await Promise.all(busy);
      expect(await states()).toEqual({ total: 2, idle: 2, waiting: 0 });
    } finally {
      unwatchPool(dataSource);
      await dataSource.destroy();
    }
  });
});
