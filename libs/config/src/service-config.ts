import { authEnvSchema } from '@ecommerce/auth';
import { messagingEnvSchema } from '@ecommerce/messaging';
import { z } from 'zod';
import { loadConfig, type LoadConfigOptions } from './load-config';
import { configLogLine } from './redact';

/**
 * The settings every service shares, under one name each: environment, log level, Kafka (brokers,
 * TLS, SASL, topic prefix) and how access tokens are verified. A service extends it with its own:
 *
 * ```ts
 * const schema = serviceEnvSchema.extend(databaseEnvSchema.shape).extend(redisEnvSchema.shape).extend({ PORT: ... });
 * export const loadOrderServiceConfig = (env = process.env) => loadServiceConfig(SERVICE_NAME, schema, env);
 * ```
 */
export const serviceEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Partitions one replica consumes in parallel (order within a partition always holds). */
    KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  })
  .extend(messagingEnvSchema.shape)
  .extend(authEnvSchema.shape);

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/**
 * `loadConfig`, then the validated config printed as one JSON line with secrets redacted, so what a
 * replica runs with is on record. Tests (`NODE_ENV=test`) load configs by the dozen and print nothing.
 */
export function loadServiceConfig<TSchema extends z.ZodType>(
  service: string,
  schema: TSchema,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): z.infer<TSchema> {
  const config = loadConfig(schema, env, options);
  if ((config as { NODE_ENV?: string }).NODE_ENV !== 'test')
    process.stdout.write(`${configLogLine(service, config as Record<string, unknown>)}\n`);
  return config;
}
