import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { jwksUrlOf, startTokenProbe } from './support/token-probe';
import { expectProblem, registerAndLogin, startUserService } from './support/user-service';

const newPrivatePem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

describe('signing key rotation', () => {
  const oldKey = newPrivatePem();
  const newKey = newPrivatePem();
  let users: INestApplication | undefined;
  let probe: INestApplication | undefined;

  afterAll(async () => {
    await probe?.close();
    await users?.close();
  });

  it('keeps old tokens valid and lets another service verify tokens of the new key without a restart', async () => {
    users = await startUserService({ JWT_PRIVATE_KEY: oldKey });
    const port = (users.getHttpServer().address() as { port: number }).port;
    probe = await startTokenProbe(jwksUrlOf(users), { jwksCooldownMs: 100 });
    const before = await registerAndLogin(users);
    await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(before.accessToken, { type: 'bearer' })
      .expect(200);

    // Rotate: user-service is redeployed with the new key, the old one kept for verification only.
    await users.close();
    users = await startUserService({ JWT_PRIVATE_KEY: newKey, JWT_PREVIOUS_PUBLIC_KEY: oldKey }, port);
    const jwks = await request(users.getHttpServer()).get('/api/auth/jwks').expect(200);
    expect(jwks.body.keys).toHaveLength(2);
    expect(jwks.body.keys.every((key: Record<string, unknown>) => key.d === undefined)).toBe(true);

    const after = await registerAndLogin(users);
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const newKid = decodeProtectedHeader(after.accessToken).kid;
    expect(newKid).not.toBe(oldKid);
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([newKid, oldKid]);

    await new Promise((resolve) => setTimeout(resolve, 150)); // past the probe's refetch cooldown
    await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(after.accessToken, { type: 'bearer' })
      .expect(200);
    await request(probe.getHttpServer())
      .get('/api/probe')
      .auth(before.accessToken, { type: 'bearer' })
      .expect(200);
    await request(users.getHttpServer())
      .get('/api/users/me')
      .auth(after.accessToken, { type: 'bearer' })
      .expect(200);
  });

  it('refuses a token whose kid is nowhere in the JWKS', async () => {
    const stranger = await startUserService({ JWT_PRIVATE_KEY: newPrivatePem() });
    try {
      const foreign = await registerAndLogin(stranger);
      expectProblem(
        await request(probe!.getHttpServer()).get('/api/probe').auth(foreign.accessToken, { type: 'bearer' }),
        401,
      );
    } finally {
      await stranger.close();
    }
  });
});
