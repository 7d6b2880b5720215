import { booleanEnv, loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { databaseEnvSchema } from '@ecommerce/database';
import { z } from 'zod';

export const SERVICE_NAME = 'order-service';

const schema = serviceEnvSchema.extend(databaseEnvSchema.shape).extend({
  PORT: z.coerce.number().int().positive().default(3004),
  DATABASE_NAME: z.string().min(1).default('orders'),
  DATABASE_USER: z.string().min(1).default('orders'),
  DATABASE_PASSWORD: z.string().min(1).default('orders'),
  /** Replicas share one group, so each saga reply is handled by one of them. */
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
  /** A brand-new group reads product.events from the start, which fills the price read model from history. */
  KAFKA_FROM_BEGINNING: booleanEnv(true),
  /** Partitions handled in parallel by one replica (events of one order share a partition, so order holds). */
  KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
  /** Saga answers of one partition applied per transaction (1: one transaction per answer). */
  ORDER_EVENT_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  /** The catalog's base currency (product-service's BASE_CURRENCY): orders without `currency` are priced in it. */
  BASE_CURRENCY: z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code such as EUR').default('EUR'),
  PRODUCT_SERVICE_URL: z.string().url().default('http://127.0.0.1:3002'),
  CART_SERVICE_URL: z.string().url().default('http://127.0.0.1:3003'),
  USER_SERVICE_URL: z.string().url().default('http://127.0.0.1:3001'),
  /** Per-call timeout of the checkout's upstream reads (cart, saved address, FX table). */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /** How often the FX table is refreshed from product-service in the background. */
  FX_REFRESH_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /** An FX table older than this is not used: orders in converted currencies get 503 until it refreshes. */
  FX_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 86_400_000)
    .default(3_600_000),
  /**
   * How long a saga step (reservation, payment) may wait for its answer before the order is
   * cancelled TIMEOUT. Generous on purpose: under load the platform slows down rather than cancels.
   */
  ORDER_STEP_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  /** How long a stock reservation is asked to last (inventory caps it with its own TTL). */
  RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 86_400_000)
    .default(900_000),
  /**
   * Checkouts are turned away (503 CHECKOUT_BUSY) while this many sagas wait for a step's answer; 0
   * admits all. About what the platform completes per second times the wait a buyer should accept.
   */
  ORDER_MAX_SAGAS_IN_FLIGHT: z.coerce.number().int().min(0).max(1_000_000).default(100),
  /** How old the count of waiting sagas may be before a checkout reads it again. */
  ORDER_ADMISSION_REFRESH_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** Pause between two sweeps of expired saga steps, and sagas compensated per transaction. */
  SAGA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  SAGA_SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  /** How long an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Server-Sent Events: comment line sent this often so proxies keep an idle stream open. */
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
});

export type OrderConfig = z.infer<typeof schema>;

export const ORDER_CONFIG = Symbol('ORDER_CONFIG');

export const loadOrderConfig = (env: NodeJS.ProcessEnv = process.env): OrderConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env);
