import type { INestApplication } from '@nestjs/common';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import request from 'supertest';
import { PasswordHasher } from '../src/auth/password-hasher';
import { expectProblem, registerAndLogin, startUserService } from './support/user-service';

describe('login throttling (real Redis)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const login = (email: string, password: string, address: string) =>
    http().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  beforeAll(async () => {
    app = await startUserService({
      LOGIN_MAX_FAILURES_PER_CLIENT: '5',
      LOGIN_FREE_FAILURES_PER_ACCOUNT: '5',
      LOGIN_DELAY_BASE_SECONDS: '2',
      LOGIN_DELAY_MAX_SECONDS: '30',
      LOGIN_FAILURE_WINDOW_SECONDS: '300',
    });
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  it('lets at most the per-address limit of 200 concurrent wrong logins reach the password check', async () => {
    const user = await registerAndLogin(app);
    const verify = jest.spyOn(PasswordHasher, 'verify');
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => login(user.email, 'wrong password', '203.0.113.7')),
    );
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(verify.mock.calls.length);
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(195);
    expectProblem(throttled[0]!, 429);
    expect(Number(throttled[0]!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets at most the per-account allowance through when 200 guesses come from 200 addresses', async () => {
    const user = await registerAndLogin(app);
    const verify = jest.spyOn(PasswordHasher, 'verify');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login(user.email, 'wrong password', `198.51.100.${i}`)),
    );
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(195);
  });

  it('slows guessing from anywhere with delays that grow, and never locks out the owner at an address they used', async () => {
    // The owner signed in from 192.0.2.10 before the attack.
    const user = await registerAndLogin(app);
    await login(user.email, user.password, '192.0.2.10').expect(200);

    const retryAfters: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const answer = await login(user.email, 'wrong password', `198.18.0.${attempt}`);
      if (answer.status === 429) {
        retryAfters.push(Number(answer.headers['retry-after']));
        // As if the attacker had waited out the delay (clears the wait, keeps the failure count).
        await app.get<Redis>(REDIS).hset(`user-service:login:account:${user.email}`, 'next', '0');
        expect((await login(user.email, 'wrong password', `198.18.0.${attempt}`)).status).toBe(401);
      } else expect(answer.status).toBe(401);
    }
    expect(retryAfters.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < retryAfters.length; i++)
      expect(retryAfters[i]!).toBeGreaterThanOrEqual(retryAfters[i - 1]!);
    expect(retryAfters.at(-1)!).toBeGreaterThan(retryAfters[0]!);
    expect(Math.max(...retryAfters)).toBeLessThanOrEqual(30);

    // A new address is made to wait; the owner's known address is not, and the right password works.
    expect((await login(user.email, 'wrong password', '198.18.1.1')).status).toBe(429);
    await login(user.email, user.password, '192.0.2.10').expect(200);
  });

  it('keeps the per-address limit for the owner too, and a success clears it', async () => {
    const user = await registerAndLogin(app);
    for (let i = 0; i < 4; i++)
      expect((await login(user.email, 'wrong password', '192.0.2.20')).status).toBe(401);
    await login(user.email, user.password, '192.0.2.20').expect(200);
    for (let i = 0; i < 4; i++)
      expect((await login(user.email, 'wrong password', '192.0.2.20')).status).toBe(401);
  });
});
