import { loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { databaseEnvSchema } from '@ecommerce/database';
import { z } from 'zod';

export const SERVICE_NAME = 'inventory-service';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

const schema = serviceEnvSchema.extend(databaseEnvSchema.shape).extend({
  PORT: z.coerce.number().int().positive().default(3006),
  DATABASE_NAME: z.string().min(1).default('inventory'),
  DATABASE_USER: z.string().min(1).default('inventory'),
  DATABASE_PASSWORD: z.string().min(1).default('inventory'),
  /** Replicas share one group, so each command is handled by one of them. */
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
  /** Where a brand-new consumer group starts: true keeps events published before the first deploy. */
  KAFKA_FROM_BEGINNING: flag('true'),
  /** Partitions handled in parallel by one replica (per-partition order always holds). */
  KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
  /** Commands applied per transaction (see consumers.ts); 1 applies each in a transaction of its own. */
  INVENTORY_COMMAND_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Default low-stock threshold of products without their own. */
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000).default(5),
  /** Longest a reservation lives; a reserve command's `expiresAt` can only shorten it. */
  RESERVATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(900),
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5_000),
  RESERVATION_SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
});

export type InventoryConfig = z.infer<typeof schema>;

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

export const loadInventoryConfig = (env: NodeJS.ProcessEnv = process.env): InventoryConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env);
