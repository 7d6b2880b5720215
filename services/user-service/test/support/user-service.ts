import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { createTestSchema, testRedisUrl } from '@ecommerce/testing';
import request from 'supertest';
import { createAppModule } from '../../src/app.module';
import { loadUserServiceConfig, SERVICE_NAME, type UserServiceConfig } from '../../src/config';

export const ADMIN = { email: 'first-admin@shop.test', password: 'admin-password-for-tests' };

export function testConfig(overrides: Record<string, string> = {}): UserServiceConfig {
  return loadUserServiceConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_NAME: 'users_test',
    DATABASE_USER: 'users',
    DATABASE_PASSWORD: 'users',
    // Login throttle keys are named after the account, with no per-run prefix.
    REDIS_URL: testRedisUrl(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...overrides,
  });
}

/**
 * The real user-service app (HTTP stack, PostgreSQL, Redis, Kafka), listening on a free port, with a
 * schema of its own in users_test that goes away when the app is closed.
 */
export async function startUserService(
  overrides: Record<string, string> = {},
  port = 0,
): Promise<INestApplication> {
  const schema = await createTestSchema('users_test', 'users');
  const app = await createServiceApp(
    createAppModule(testConfig({ DATABASE_SCHEMA: schema.name, ...overrides })),
    {
      service: SERVICE_NAME,
      title: 'user-service',
      description: 'test',
      logger: createLogger(SERVICE_NAME, 'silent'),
    },
  );
  await app.listen(port, '127.0.0.1');
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await schema.drop();
  };
  return app;
}

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}-${Date.now().toString(36)}-${counter++}@example.com`;

export async function registerAndLogin(app: INestApplication, email = uniqueEmail()) {
  const password = 'a-long-enough-password';
  const registered = await request(app.getHttpServer())
    .post('/api/auth/register')
    .send({ email, password, name: 'Test User' })
    .expect(201);
  const login = await request(app.getHttpServer())
    .post('/api/auth/login')
    .send({ email, password })
    .expect(200);
  return {
    id: registered.body.id as string,
    email,
    password,
    accessToken: login.body.accessToken as string,
    refreshToken: login.body.refreshToken as string,
  };
}

export function expectProblem(response: request.Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/stack|QueryFailedError|SELECT |INSERT /);
}
