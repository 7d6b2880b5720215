import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { configLogLine, redactConfig } from './redact';
import { serviceEnvSchema } from './service-config';

const schema = serviceEnvSchema.extend({
  DATABASE_USER: z.string().default('orders'),
  DATABASE_PASSWORD: z.string().default('orders'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PASSWORD: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
});

const safeProduction = {
  NODE_ENV: 'production',
  DATABASE_PASSWORD: 'k7#Vq2pLx9!eRz',
  REDIS_URL: 'rediss://:Zt4mW8qPn2@redis.internal:6380',
  JWT_JWKS_URL: 'http://user-service:3001/api/auth/jwks',
  STRIPE_SECRET_KEY: 'sk_live_abc',
};

function problemsOf(env: Record<string, string>, requiredInProduction: string[] = []): string[] {
  try {
    loadConfig(schema, env, { requiredInProduction });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('production refusals', () => {
  it('starts with real secrets', () => {
    expect(problemsOf(safeProduction, ['STRIPE_SECRET_KEY'])).toEqual([]);
  });

  it('refuses a JWKS URL on localhost and a missing one (no fallback to a local user-service)', () => {
    expect(problemsOf({ ...safeProduction, JWT_JWKS_URL: 'http://127.0.0.1:3001/api/auth/jwks' })).toEqual([
      'JWT_JWKS_URL: must not point at localhost in production',
    ]);
    expect(
      problemsOf({ ...safeProduction, JWT_JWKS_URL: 'http://localhost:3001/api/auth/jwks' }),
    ).toHaveLength(1);
    const { JWT_JWKS_URL: _, ...withoutJwks } = safeProduction;
    expect(problemsOf(withoutJwks)).toEqual([
      'JWT_JWKS_URL: JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production',
    ]);
  });

  it('refuses the default database password, and one equal to the user name', () => {
    expect(problemsOf({ ...safeProduction, DATABASE_PASSWORD: 'orders' }).join()).toContain(
      'DATABASE_PASSWORD',
    );
    expect(
      problemsOf({
        ...safeProduction,
        DATABASE_USER: 'shop_orders',
        DATABASE_PASSWORD: 'shop_orders',
      }).join(),
    ).toContain('DATABASE_PASSWORD');
  });

  it('refuses Redis without a password or with a default one, in the URL or on its own', () => {
    expect(problemsOf({ ...safeProduction, REDIS_URL: 'redis://redis.internal:6379' })).toEqual([
      'REDIS_PASSWORD: Redis needs a password in production (REDIS_PASSWORD, or in REDIS_URL)',
    ]);
    expect(
      problemsOf({
        ...safeProduction,
        REDIS_URL: 'redis://redis.internal:6379',
        REDIS_PASSWORD: 'Zt4mW8qPn2',
      }),
    ).toEqual([]);
    expect(problemsOf({ ...safeProduction, REDIS_URL: 'redis://:redis@redis.internal:6379' })).toHaveLength(
      1,
    );
  });

  it('refuses admin-password-change-me and a missing required secret', () => {
    expect(problemsOf({ ...safeProduction, ADMIN_PASSWORD: 'admin-password-change-me' })).toEqual([
      'ADMIN_PASSWORD: a well-known default password is refused in production',
    ]);
    const { STRIPE_SECRET_KEY: _, ...withoutKey } = safeProduction;
    expect(problemsOf(withoutKey, ['STRIPE_SECRET_KEY'])).toEqual([
      'STRIPE_SECRET_KEY: is required in production',
    ]);
  });

  it('lets development run with the defaults', () => {
    expect(
      problemsOf({ NODE_ENV: 'development', ADMIN_PASSWORD: 'admin-password-change-me' }, [
        'STRIPE_SECRET_KEY',
      ]),
    ).toEqual([]);
  });

  it('refuses a SASL mechanism without credentials in any environment', () => {
    expect(problemsOf({ NODE_ENV: 'development', KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      'KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set',
    ]);
  });
});

describe('the start-up config line', () => {
  it('is one JSON line without any secret, URL passwords included', () => {
    const config = loadConfig(schema, {
      ...safeProduction,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'shop',
      KAFKA_SASL_PASSWORD: 'kafka-pass-123',
      ADMIN_PASSWORD: 'Adm1n-very-long',
    });
    const line = configLogLine('order-service', config);
    expect(line).not.toContain('\n');
    for (const secret of ['k7#Vq2pLx9!eRz', 'Zt4mW8qPn2', 'kafka-pass-123', 'Adm1n-very-long', 'sk_live_abc'])
      expect(line).not.toContain(secret);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ level: 'info', service: 'order-service', msg: 'configuration loaded' });
    expect(parsed.config).toMatchObject({
      NODE_ENV: 'production',
      KAFKA_SASL_USERNAME: 'shop',
      KAFKA_SASL_PASSWORD: '[redacted]',
      REDIS_URL: 'rediss://:%5Bredacted%5D@redis.internal:6380',
    });
  });

  it('leaves unset secrets visible as unset', () => {
    expect(redactConfig({ REDIS_PASSWORD: undefined, PORT: 3000 })).toEqual({
      REDIS_PASSWORD: undefined,
      PORT: 3000,
    });
  });
});
