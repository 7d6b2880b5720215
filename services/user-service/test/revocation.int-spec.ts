import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { eventually } from '@ecommerce/testing';
import { jwksUrlOf, startTokenProbe } from './support/token-probe';
import { ADMIN, expectProblem, registerAndLogin, startUserService } from './support/user-service';

/** Polls until the probe refuses the token; returns how long that took after `since`. */
async function refusedWithin(
  probe: INestApplication,
  token: string,
  since: number,
  limitMs: number,
): Promise<number> {
  for (;;) {
    const answer = await request(probe.getHttpServer()).get('/api/probe').auth(token, { type: 'bearer' });
    if (answer.status === 401) {
      expectProblem(answer, 401);
      return Date.now() - since;
    }
    expect(answer.status).toBe(200);
    if (Date.now() - since > limitMs + 3_000) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('access-token revocation across services (real PostgreSQL, Kafka)', () => {
  let users: INestApplication;
  let probe: INestApplication;
  const http = () => request(users.getHttpServer());

  beforeAll(async () => {
    users = await startUserService();
    probe = await startTokenProbe(jwksUrlOf(users));
  });
  afterAll(async () => {
    await probe?.close();
    await users?.close();
  });

  it('refuses the access token in another service within 2 s of logout, and accepts a new login', async () => {
    const user = await registerAndLogin(users);
    await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(200);

    const loggedOutAt = Date.now();
    await http()
      .post('/api/auth/logout')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    expect(await refusedWithin(probe, user.accessToken, loggedOutAt, 2_000)).toBeLessThan(2_000);
    // user-service's own guard refuses it too.
    expectProblem(await http().get('/api/users/me').auth(user.accessToken, { type: 'bearer' }), 401);

    const again = await http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(again.body.accessToken, { type: 'bearer' })
      .expect(200);
  });

  it('refuses every access token of the user when a spent refresh token comes back', async () => {
    const user = await registerAndLogin(users);
    const rotated = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    const reusedAt = Date.now();
    expectProblem(await http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }), 401);
    expect(await refusedWithin(probe, rotated.body.accessToken, reusedAt, 2_000)).toBeLessThan(2_000);
  });

  it('refuses tokens with the old roles after a role change, and tokens of a user whose sessions an admin ended', async () => {
    const admin = await http().post('/api/auth/login').send(ADMIN).expect(200);
    const user = await registerAndLogin(users);
    const changedAt = Date.now();
    await http()
      .patch(`/api/users/${user.id}/roles`)
      .auth(admin.body.accessToken, { type: 'bearer' })
      .send({ roles: ['customer', 'admin'] })
      .expect(200);
    expect(await refusedWithin(probe, user.accessToken, changedAt, 2_000)).toBeLessThan(2_000);
    const refreshed = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    const me = await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(refreshed.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(me.body.roles.sort()).toEqual(['admin', 'customer']);

    const endedAt = Date.now();
    await http()
      .delete(`/api/users/${user.id}/sessions`)
      .auth(admin.body.accessToken, { type: 'bearer' })
      .expect(204);
    expect(await refusedWithin(probe, refreshed.body.accessToken, endedAt, 2_000)).toBeLessThan(2_000);
    expectProblem(
      await http().post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }),
      401,
    );
  });

  it('knows revocations published before it started (the recent window is read on start)', async () => {
    const user = await registerAndLogin(users);
    await http()
      .post('/api/auth/logout')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    await eventually(async () =>
      expectProblem(
        await request(probe.getHttpServer()).get('/api/probe').auth(user.accessToken, { type: 'bearer' }),
        401,
      ),
    );
    const lateProbe = await startTokenProbe(jwksUrlOf(users));
    try {
      expectProblem(
        await request(lateProbe.getHttpServer()).get('/api/probe').auth(user.accessToken, { type: 'bearer' }),
        401,
      );
    } finally {
      await lateProbe.close();
    }
  });
});
