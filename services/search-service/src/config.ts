import { loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { redisEnvSchema } from '@ecommerce/redis';
import { z } from 'zod';

export const SERVICE_NAME = 'search-service';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Ascending, distinct, positive bounds in minor units, e.g. "1000,2500,5000". */
const priceBounds = z
  .string()
  .transform((value) => value.split(',').map((part) => Number(part.trim())))
  .pipe(
    z
      .array(z.number().int().positive())
      .min(1)
      .refine(
        (bounds) => bounds.every((bound, i) => i === 0 || bound > bounds[i - 1]!),
        'bounds must be strictly ascending',
      ),
  );

const schema = serviceEnvSchema.extend(redisEnvSchema.shape).extend({
  PORT: z.coerce.number().int().positive().default(3008),
  ELASTICSEARCH_URL: z.string().url().default('http://127.0.0.1:9200'),
  ELASTICSEARCH_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * Name of the alias every read and write goes through; the concrete indices are `<alias>-v<ms>`.
   * Tests use a unique alias per run so they never touch the real catalog.
   */
  SEARCH_INDEX_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,150}$/, 'lowercase letters, digits, "-" and "_" only')
    .default('products'),
  /** Replicas per index; 0 suits a single node, production clusters want at least 1. */
  SEARCH_INDEX_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
  /** How often new writes become visible to searches; cached answers are invalidated after it. */
  SEARCH_REFRESH_INTERVAL_MS: z.coerce.number().int().min(100).max(30_000).default(1_000),
  /**
   * false: this replica only answers queries and leaves the index to the replicas that consume the
   * events (a read-only deployment, or a test that must not consume).
   */
  SEARCH_INDEXER_ENABLED: flag.default(true),
  /** Consumer group of the product.events / inventory.events consumer; replicas share it. */
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
  /** Where a brand-new consumer group starts; true replays the topics' history into the index. */
  KAFKA_FROM_BEGINNING: flag.default(true),
  /** Prices are indexed, filtered, sorted and faceted in this currency's minor units. */
  BASE_CURRENCY: z.string().regex(CURRENCY_PATTERN, 'expected an ISO 4217 code such as EUR').default('EUR'),
  PRODUCT_SERVICE_URL: z.string().url().default('http://127.0.0.1:3002'),
  INVENTORY_SERVICE_URL: z.string().url().default('http://127.0.0.1:3006'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /**
   * The Redis of the caches: one that may evict (maxmemory + allkeys-lru), apart from REDIS_URL's,
   * which must never evict. Anonymous traffic can fill a cache only up to that Redis' limit.
   */
  CACHE_REDIS_URL: z.string().url().default('redis://127.0.0.1:6380'),
  SEARCH_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Upper bounds of the fixed price facet buckets; the last bucket is open-ended. */
  SEARCH_PRICE_RANGES: priceBounds.default([1_000, 2_500, 5_000, 10_000, 25_000, 50_000]),
  /** Finished reindex jobs stay readable this long. */
  REINDEX_JOB_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3_600),
});

export type SearchServiceConfig = z.infer<typeof schema>;

export const SEARCH_SERVICE_CONFIG = Symbol('SEARCH_SERVICE_CONFIG');

export const loadSearchServiceConfig = (env: NodeJS.ProcessEnv = process.env): SearchServiceConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env);
