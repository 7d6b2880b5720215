import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { redisUrlHasPassword } from './config';
import { watchRedisLatency } from './redis-metrics';

/** Injection token of the service's shared ioredis client. */
export const REDIS = Symbol('REDIS');

/**
 * The ioredis client of a service. The password is the one in the URL (`redis://:secret@host`), else
 * `password`, else `REDIS_PASSWORD`, so a password kept in its own secret needs no URL assembly.
 */
export function createRedis(
  url: string,
  name: string,
  password: string | undefined = process.env.REDIS_PASSWORD || undefined,
): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    ...(redisUrlHasPassword(url) ? {} : { password }),
    // Fail a command fast while Redis is away instead of queueing requests without bound.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  watchRedisLatency(redis, name);
  return redis;
}

/**
 * QUIT lets a connected client finish what it sent. A client that is not connected (Redis down,
 * still reconnecting) would only queue the QUIT behind its reconnect attempts and keep the process
 * alive, so it is cut at once; so is a QUIT that gets no answer within a second.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1_000);
  });
  await Promise.race([
    redis.quit().then(
      () => undefined,
      () => undefined,
    ),
    cut,
  ]);
  clearTimeout(timer);
  redis.disconnect(); // a no-op after a QUIT that was answered
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

@Global()
@Module({})
export class RedisModule {
  static forRoot(options: { url: string; name: string; password?: string }): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS, useFactory: () => createRedis(options.url, options.name, options.password) },
        RedisCloser,
      ],
      exports: [REDIS],
    };
  }
}

/**
 * Injection token of the client of the cache Redis (CACHE_REDIS_URL): the one that may evict. Only
 * what can be recomputed lives there; REDIS (carts, locks, versions, jobs) is the one that never evicts.
 */
export const CACHE_REDIS = Symbol('CACHE_REDIS');

@Injectable()
class CacheRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(CACHE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

/** Provides `CACHE_REDIS`, the service's client of its evicting cache Redis, beside `RedisModule`. */
@Global()
@Module({})
export class CacheRedisModule {
  static forRoot(options: { url: string; name: string; password?: string }): DynamicModule {
    return {
      module: CacheRedisModule,
      providers: [
        { provide: CACHE_REDIS, useFactory: () => createRedis(options.url, options.name, options.password) },
        CacheRedisCloser,
      ],
      exports: [CACHE_REDIS],
    };
  }
}
