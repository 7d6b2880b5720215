import { register } from 'prom-client';
import { closeRedis, createRedis } from '@ecommerce/redis';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('redis_roundtrip_seconds', () => {
  it('reports the round trip of each client at scrape time and forgets a closed client', async () => {
    const redis = createRedis(url, 'metrics-test-client');
    await new Promise((resolve) => redis.once('ready', resolve));
    const sample = async () =>
      (await register.getSingleMetric('redis_roundtrip_seconds')!.get()).values.find(
        (value) => value.labels.client === 'metrics-test-client',
      );
    const measured = await sample();
    expect(measured?.value).toBeGreaterThan(0);
    expect(measured?.value).toBeLessThan(0.5);

    await closeRedis(redis);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await sample()).toBeUndefined();
  });
});
