import { loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { redisEnvSchema } from '@ecommerce/redis';
import { z } from 'zod';

export const SERVICE_NAME = 'cart-service';

const DAY_SECONDS = 24 * 60 * 60;

const schema = serviceEnvSchema.extend(redisEnvSchema.shape).extend({
  PORT: z.coerce.number().int().positive().default(3003),
  /** Every key this service writes starts with it, so several environments can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+:$/, 'expected letters, digits, ".", "_" or "-", ending with ":"')
    .default('cart-service:'),
  /** Consumer group of the product.events / order.events consumer; replicas share it. */
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
  /** Every product price is in this currency, and so is every cart total. */
  BASE_CURRENCY: z.string().regex(CURRENCY_PATTERN, 'expected an ISO 4217 code such as EUR').default('EUR'),
  PRODUCT_SERVICE_URL: z.string().url().default('http://127.0.0.1:3002'),
  INVENTORY_SERVICE_URL: z.string().url().default('http://127.0.0.1:3006'),
  /** Per attempt; a slow upstream must not hold a cart page for long. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
  /** Extra attempts for a GET that failed with a 5xx, a timeout or a network error. */
  UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(2).default(1),
  UPSTREAM_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(5_000).default(100),
  /** How long an open breaker waits before it lets one trial call through (half-open). */
  BREAKER_RESET_MS: z.coerce.number().int().min(100).default(10_000),
  /** Failed calls in a row (timeouts, refused connections, 5xx) that open an upstream's breaker. */
  BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  GUEST_CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  USER_CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** Last known prices and stock outlive the longest cart, so a cart can always be shown. */
  LAST_KNOWN_TTL_DAYS: z.coerce.number().int().min(1).max(730).default(120),
});

export type CartServiceConfig = z.infer<typeof schema>;

export const CART_SERVICE_CONFIG = Symbol('CART_SERVICE_CONFIG');

export const loadCartServiceConfig = (env: NodeJS.ProcessEnv = process.env): CartServiceConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env);

export const daysToSeconds = (days: number): number => days * DAY_SECONDS;
