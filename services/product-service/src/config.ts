import { loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { databaseEnvSchema } from '@ecommerce/database';
import { redisEnvSchema } from '@ecommerce/redis';
import { z } from 'zod';

export const SERVICE_NAME = 'product-service';

const schema = serviceEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(redisEnvSchema.shape)
  .extend({
    PORT: z.coerce.number().int().positive().default(3002),
    DATABASE_NAME: z.string().min(1).default('products'),
    DATABASE_USER: z.string().min(1).default('products'),
    DATABASE_PASSWORD: z.string().min(1).default('products'),
    /** The currency every product's `price` is kept in, and that FX rates convert from. */
    BASE_CURRENCY: z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code such as EUR').default('EUR'),
    /**
     * The Redis of the caches: one that may evict (maxmemory + allkeys-lru), apart from REDIS_URL's,
     * which must never evict. Anonymous traffic can fill a cache only up to that Redis' limit.
     */
    CACHE_REDIS_URL: z.string().url().default('redis://127.0.0.1:6380'),
    /** Prefix of every Redis key of the read cache, so several deployments can share one Redis. */
    CACHE_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]+$/i, 'letters, digits, ":", "_" and "-" only')
      .default('product-service'),
    /**
     * Upper bound on an entry's life. Writes invalidate at once (see catalog-cache.ts); the TTL only
     * limits memory and the damage of a Redis restored from an old snapshot.
     */
    CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  });

export type ProductServiceConfig = z.infer<typeof schema>;

export const PRODUCT_SERVICE_CONFIG = Symbol('PRODUCT_SERVICE_CONFIG');

export const loadProductServiceConfig = (env: NodeJS.ProcessEnv = process.env): ProductServiceConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env);
