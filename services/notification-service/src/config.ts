import { authEnvSchema } from '@ecommerce/auth';
import { loadConfig } from '@ecommerce/config';
import { databaseEnvSchema } from '@ecommerce/database';
import { messagingEnvSchema } from '@ecommerce/messaging';
import { z } from 'zod';

export const SERVICE_NAME = 'notification-service';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

const emailList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((address) => address.trim().toLowerCase())
      .filter((address) => address.length > 0),
  )
  .pipe(z.array(z.string().email()));

const schema = databaseEnvSchema
  .extend(authEnvSchema.shape)
  .extend(messagingEnvSchema.shape)
  .extend({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().positive().default(3007),
    DATABASE_NAME: z.string().min(1).default('notifications'),
    DATABASE_USER: z.string().min(1).default('notifications'),
    DATABASE_PASSWORD: z.string().min(1).default('notifications'),
    /** Replicas share one group, so each event is handled by one of them. */
    KAFKA_CONSUMER_GROUP: z.string().min(1).default(SERVICE_NAME),
    /** Where a brand-new consumer group starts: true keeps users registered before the first deploy. */
    KAFKA_FROM_BEGINNING: flag('true'),
    KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
    /** Events of one partition recorded per transaction (1: one transaction per event). */
    NOTIFICATION_EVENT_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
    /** Without a key mail is rendered and written to the log instead of being sent. */
    SENDGRID_API_KEY: z.string().min(1).optional(),
    /** Where the SendGrid client sends its requests (a local receiver in tests); SendGrid's own API by default. */
    SENDGRID_API_BASE_URL: z.string().url().optional(),
    SENDGRID_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    NOTIFICATION_FROM_EMAIL: z.string().email().default('no-reply@shop.local'),
    NOTIFICATION_FROM_NAME: z.string().min(1).max(100).default('Shop'),
    /** Extra recipients of admin alerts (low stock), besides the users with the admin role. */
    NOTIFICATION_ADMIN_EMAILS: emailList,
    /** Delivery attempts before a notification is FAILED. */
    NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
    /** Wait before the second attempt; it doubles with each further attempt up to the maximum. */
    NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    NOTIFICATION_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
    /** Notifications one dispatcher claims and sends at a time. */
    NOTIFICATION_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** The dispatcher wakes on NOTIFY from every insert; this poll only covers retries and missed notifications. */
    NOTIFICATION_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
    /** How long a claimed notification stays with its dispatcher before another may take it (a crashed replica). */
    NOTIFICATION_CLAIM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    /** false leaves sending to other replicas (this one only consumes and serves the API). */
    NOTIFICATION_DISPATCHER_ENABLED: flag('true'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_JWKS_URL || env.JWT_PUBLIC_KEY, {
    path: ['JWT_JWKS_URL'],
    message: 'JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production',
  })
  .refine((env) => env.NOTIFICATION_RETRY_MAX_MS >= env.NOTIFICATION_RETRY_BASE_MS, {
    path: ['NOTIFICATION_RETRY_MAX_MS'],
    message: 'must be at least NOTIFICATION_RETRY_BASE_MS',
  })
  .refine((env) => env.NOTIFICATION_CLAIM_TIMEOUT_MS > env.SENDGRID_TIMEOUT_MS, {
    path: ['NOTIFICATION_CLAIM_TIMEOUT_MS'],
    message: 'must be longer than SENDGRID_TIMEOUT_MS, or a slow send could be claimed twice',
  });

export type NotificationConfig = z.infer<typeof schema>;

export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');

export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig =>
  loadConfig(schema, env);
