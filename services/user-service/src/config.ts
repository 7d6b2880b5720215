import { loadServiceConfig, serviceEnvSchema } from '@ecommerce/config';
import { databaseEnvSchema } from '@ecommerce/database';
import { redisEnvSchema } from '@ecommerce/redis';
import { z } from 'zod';

export const SERVICE_NAME = 'user-service';

const schema = serviceEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(redisEnvSchema.shape)
  .extend({
    PORT: z.coerce.number().int().positive().default(3001),
    DATABASE_NAME: z.string().min(1).default('users'),
    DATABASE_USER: z.string().min(1).default('users'),
    DATABASE_PASSWORD: z.string().min(1).default('users'),
    /** PEM (PKCS#8) RSA private key; required in production. Elsewhere keys are generated and kept in the database. */
    JWT_PRIVATE_KEY: z.string().optional(),
    /**
     * After a key rotation: the key that signed tokens until now (PEM, public or private). It stays
     * in the JWKS, so tokens it signed keep verifying until they expire.
     */
    JWT_PREVIOUS_PUBLIC_KEY: z.string().optional(),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    /** Failed logins one client address may make for one account within the window. */
    LOGIN_MAX_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).max(1_000).default(5),
    /** Failed logins for one account (from anywhere) before each further attempt must wait. */
    LOGIN_FREE_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000).default(5),
    /** First wait after those; it doubles with every further failure, up to LOGIN_DELAY_MAX_SECONDS. */
    LOGIN_DELAY_BASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(1),
    LOGIN_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
    /** Failures are forgotten this long after the last one. */
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /** An address the owner signed in from stays exempt from the per-account wait this long. */
    LOGIN_KNOWN_CLIENT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10).optional(),
  });

export type UserServiceConfig = z.infer<typeof schema>;

export const USER_SERVICE_CONFIG = Symbol('USER_SERVICE_CONFIG');

export const loadUserServiceConfig = (env: NodeJS.ProcessEnv = process.env): UserServiceConfig =>
  loadServiceConfig(SERVICE_NAME, schema, env, { requiredInProduction: ['JWT_PRIVATE_KEY'] });
