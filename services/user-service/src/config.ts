import { loadConfig } from '@ecommerce/config';
import { databaseEnvSchema } from '@ecommerce/database';
import { messagingEnvSchema } from '@ecommerce/messaging';
import { z } from 'zod';

export const SERVICE_NAME = 'user-service';

const schema = databaseEnvSchema
  .extend(messagingEnvSchema.shape)
  .extend({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().positive().default(3001),
    DATABASE_NAME: z.string().min(1).default('users'),
    DATABASE_USER: z.string().min(1).default('users'),
    DATABASE_PASSWORD: z.string().min(1).default('users'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    JWT_ISSUER: z.string().min(1).default('ecommerce-user-service'),
    JWT_AUDIENCE: z.string().min(1).default('ecommerce'),
    /** PEM (PKCS#8) RSA private key; required in production. Elsewhere a key is generated once and kept in the database. */
    JWT_PRIVATE_KEY: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10).optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_PRIVATE_KEY, {
    path: ['JWT_PRIVATE_KEY'],
    message: 'is required in production',
  });

export type UserServiceConfig = z.infer<typeof schema>;

export const USER_SERVICE_CONFIG = Symbol('USER_SERVICE_CONFIG');

export const loadUserServiceConfig = (env: NodeJS.ProcessEnv = process.env): UserServiceConfig => loadConfig(schema, env);
