import type Redis from 'ioredis';
import { Gauge, register } from 'prom-client';

const watched = new Map<Redis, string>();
const PING_TIMEOUT_MS = 500;

async function roundTrip(redis: Redis): Promise<number | undefined> {
  if (redis.status !== 'ready') return undefined;
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PING_TIMEOUT_MS);
  });
  try {
    const answered = await Promise.race([redis.ping().then(() => true), timeout]);
    return answered ? Number(process.hrtime.bigint() - started) / 1e9 : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function createGauge(): Gauge<'client'> {
  return new Gauge({
    name: 'redis_roundtrip_seconds',
    help: 'Round trip of a PING to each Redis the service uses, measured at scrape time (absent while it does not answer)',
    labelNames: ['client'] as const,
    async collect() {
      this.reset();
      await Promise.all(
        [...watched].map(async ([redis, client]) => {
          const seconds = await roundTrip(redis);
          if (seconds !== undefined) this.set({ client }, seconds);
        }),
      );
    },
  });
}

/**
 * Exposes the latency of `redis` as `redis_roundtrip_seconds{client}` on /metrics. Measured only
 * when Prometheus scrapes, so an idle service sends Redis nothing in between.
 */
export function watchRedisLatency(redis: Redis, client: string): void {
  if (!register.getSingleMetric('redis_roundtrip_seconds')) createGauge();
  watched.set(redis, client);
  redis.once('end', () => watched.delete(redis));
}
