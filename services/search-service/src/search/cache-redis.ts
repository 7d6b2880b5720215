import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { closeRedis, createRedis } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';

/**
 * Injection token of the client of CACHE_REDIS_URL: the Redis that may evict. Only what can be
 * recomputed lives there; REDIS (carts, locks, versions, jobs) is the one that never evicts.
 */
export const CACHE_REDIS = Symbol('CACHE_REDIS');

@Injectable()
class CacheRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(CACHE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

export const cacheRedisProviders: Provider[] = [
  {
    provide: CACHE_REDIS,
    inject: [SEARCH_SERVICE_CONFIG],
    useFactory: (config: SearchServiceConfig) =>
      createRedis(config.CACHE_REDIS_URL, `${SERVICE_NAME}-cache`, config.REDIS_PASSWORD),
  },
  CacheRedisCloser,
];
