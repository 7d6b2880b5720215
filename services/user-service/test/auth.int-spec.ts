import type { INestApplication } from '@nestjs/common';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import {
  ADMIN,
  expectProblem,
  registerAndLogin,
  startUserService,
  uniqueEmail,
} from './support/user-service';

describe('user-service auth (real PostgreSQL, Redis, Kafka)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startUserService({ LOGIN_MAX_FAILURES_PER_CLIENT: '3', LOGIN_FAILURE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => app.close());

  describe('register', () => {
    it('creates a customer and never returns the password', async () => {
      const email = uniqueEmail('Ada');
      const response = await http()
        .post('/api/auth/register')
        .send({ email, password: 'correct horse battery', name: '  Ada  ' })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        email: email.toLowerCase(),
        name: 'Ada',
        roles: ['customer'],
      });
    });

    it('answers 409 for an email that exists, whatever its case', async () => {
      const email = uniqueEmail('bob');
      await http()
        .post('/api/auth/register')
        .send({ email, password: 'correct horse battery', name: 'Bob' })
        .expect(201);
      const again = await http()
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: 'another password!', name: 'Bob' });
      expectProblem(again, 409);
      expect(again.body.code).toBe('EMAIL_TAKEN');
    });

    it('answers 400 with field errors for bad input, unknown fields and a body that is not JSON', async () => {
      const invalid = await http()
        .post('/api/auth/register')
        .send({ email: 'not-an-email', password: 'short', name: '' });
      expectProblem(invalid, 400);
      expect(Object.keys(invalid.body.errors).sort()).toEqual(['email', 'name', 'password']);

      const smuggledRole = await http()
        .post('/api/auth/register')
        .send({ email: uniqueEmail(), password: 'correct horse battery', name: 'Eve', roles: ['admin'] });
      expectProblem(smuggledRole, 400);
      expect(smuggledRole.body.errors).toHaveProperty('roles');

      const notJson = await http()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expectProblem(notJson, 400);
    });
  });

  describe('login', () => {
    it('issues an RS256 access token that verifies against the published JWKS', async () => {
      const user = await registerAndLogin(app);
      const jwks = await http().get('/api/auth/jwks').expect(200);
      expect(jwks.headers['cache-control']).toBe('public, max-age=300');
      const header = decodeProtectedHeader(user.accessToken);
      expect(header.alg).toBe('RS256');
      expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toContain(header.kid);
      const { payload } = await jwtVerify(user.accessToken, createLocalJWKSet(jwks.body), {
        issuer: 'ecommerce-user-service',
        audience: 'ecommerce',
      });
      expect(payload).toMatchObject({
        sub: user.id,
        email: user.email,
        roles: ['customer'],
        jti: expect.any(String),
      });
      expect(payload.exp! - payload.iat!).toBe(900);
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const user = await registerAndLogin(app);
      const wrongPassword = await http()
        .post('/api/auth/login')
        .send({ email: user.email, password: 'not the password' });
      const unknownEmail = await http()
        .post('/api/auth/login')
        .send({ email: uniqueEmail('ghost'), password: 'not the password' });
      expectProblem(wrongPassword, 401);
      expectProblem(unknownEmail, 401);
      expect(wrongPassword.body.detail).toBe(unknownEmail.body.detail);
    });

    it('throttles repeated failures from one address for one account with 429 and Retry-After', async () => {
      const user = await registerAndLogin(app);
      for (let attempt = 0; attempt < 3; attempt++) {
        await http()
          .post('/api/auth/login')
          .send({ email: user.email, password: 'wrong password' })
          .expect(401);
      }
      const locked = await http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });
      expectProblem(locked, 429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works and the old refresh token is spent', async () => {
      const user = await registerAndLogin(app);
      const rotated = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(rotated.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(rotated.body.refreshToken).not.toBe(user.refreshToken);
      await http().get('/api/users/me').auth(rotated.body.accessToken, { type: 'bearer' }).expect(200);
    });

    it('revokes the whole family when a spent token is presented again', async () => {
      const user = await registerAndLogin(app);
      const rotated = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      const reuse = await http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
      expectProblem(reuse, 401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      const stolenSessionChild = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken });
      expectProblem(stolenSessionChild, 401);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const user = await registerAndLogin(app);
      const results = await Promise.all(
        [1, 2].map(() => http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('rejects unknown tokens with 401', async () => {
      expectProblem(await http().post('/api/auth/refresh').send({ refreshToken: 'made-up' }), 401);
    });

    it('logout ends the session: its refresh token no longer works', async () => {
      const user = await registerAndLogin(app);
      await http()
        .post('/api/auth/logout')
        .auth(user.accessToken, { type: 'bearer' })
        .send({ refreshToken: user.refreshToken })
        .expect(204);
      expectProblem(await http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }), 401);
      expectProblem(await http().post('/api/auth/logout').send({ refreshToken: user.refreshToken }), 401);
    });
  });

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const login = await http().post('/api/auth/login').send(ADMIN).expect(200);
    const me = await http().get('/api/users/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.roles).toEqual(expect.arrayContaining(['admin']));
  });
});
