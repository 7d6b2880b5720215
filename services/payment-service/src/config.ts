import { authEnvSchema } from '@ecommerce/auth';
import { loadConfig } from '@ecommerce/config';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { databaseEnvSchema } from '@ecommerce/database';
import { messagingEnvSchema } from '@ecommerce/messaging';
import { z } from 'zod';

export const SERVICE_NAME = 'payment-service';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** `EUR:500000,JPY:7500000`: a limit in minor units per currency. */
const perCurrencyLimits = z
  .string()
  .default('')
  .transform((value, context) => {
    const limits: Record<string, number> = {};
    for (const entry of value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [currency, amount] = entry.split(':').map((part) => part.trim());
      if (
        !currency ||
        !CURRENCY_PATTERN.test(currency) ||
        !amount ||
        !/^\d+$/.test(amount) ||
        !Number.isSafeInteger(Number(amount))
      ) {
        context.addIssue({
          code: 'custom',
          message: `expected CURRENCY:minorUnits entries separated by commas, got "${entry}"`,
        });
        return z.NEVER;
      }
      limits[currency] = Number(amount);
    }
    return limits;
  });

const schema = databaseEnvSchema
  .extend(authEnvSchema.shape)
  .extend(messagingEnvSchema.shape)
  .extend({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().positive().default(3005),
    DATABASE_NAME: z.string().min(1).default('payments'),
    DATABASE_USER: z.string().min(1).default('payments'),
    DATABASE_PASSWORD: z.string().min(1).default('payments'),
    /** Replicas share one group, so each command is handled by one of them. */
    KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
    KAFKA_FROM_BEGINNING: flag('true'),
    KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
    /** Without a key the built-in sandbox provider charges (Stripe's test PaymentMethod ids). */
    STRIPE_API_KEY: optionalString,
    /** Where the Stripe API is, e.g. http://127.0.0.1:12111 for stripe-mock; default Stripe itself. */
    STRIPE_API_BASE: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Signing secret of the webhook endpoint (`whsec_...`); without it the endpoint refuses every call. */
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Longest wait for one provider call before it counts as failed (and is retried with the same key). */
    PAYMENT_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** Fraud rule: largest charge in minor units of the payment's currency, for currencies without their own limit. */
    PAYMENT_FRAUD_MAX_AMOUNT: z.coerce.number().int().positive().default(1_000_000),
    /** Fraud rule: per-currency overrides of PAYMENT_FRAUD_MAX_AMOUNT, e.g. `JPY:150000000,EUR:500000`. */
    PAYMENT_FRAUD_MAX_AMOUNTS: perCurrencyLimits,
    /** Fraud rule: payment attempts one user may make in a rolling hour. */
    PAYMENT_FRAUD_MAX_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Reconciliation with the provider: pause between runs, 0 turns it off. */
    RECONCILIATION_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /** A payment or refund still in progress after this long is resumed by the reconciliation. */
    RECONCILIATION_STALE_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
    /** Changes older than this are no longer compared with the provider. */
    RECONCILIATION_WINDOW_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    RECONCILIATION_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_JWKS_URL || env.JWT_PUBLIC_KEY, {
    path: ['JWT_JWKS_URL'],
    message: 'JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production',
  })
  .refine((env) => !env.STRIPE_API_BASE || env.STRIPE_API_KEY, {
    path: ['STRIPE_API_KEY'],
    message: 'STRIPE_API_KEY is required when STRIPE_API_BASE is set',
  });

export type PaymentConfig = z.infer<typeof schema>;

export const PAYMENT_CONFIG = Symbol('PAYMENT_CONFIG');

export const loadPaymentConfig = (env: NodeJS.ProcessEnv = process.env): PaymentConfig =>
  loadConfig(schema, env);
