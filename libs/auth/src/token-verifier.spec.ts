import { randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { RevocationList } from './revocation-list';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  const issuer = 'ecommerce-user-service';
  const audience = 'ecommerce';
  let privateKey: CryptoKeyLike;
  let verifier: TokenVerifier;
  let jwks: { keys: JWK[] };
  type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  const sign = (
    claims: Record<string, unknown>,
    options: { kid?: string; exp?: string; aud?: string; key?: CryptoKeyLike } = {},
  ) =>
    new SignJWT({ email: 'ada@example.com', roles: ['customer'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .setSubject(randomUUID())
      .setIssuer(issuer)
      .setAudience(options.aud ?? audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '15m')
      .sign(options.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = { keys: [jwk] };
    verifier = new TokenVerifier({ issuer, audience, jwks });
  });

  it('reads the caller from a valid token, keeping only known roles', async () => {
    const user = await verifier.verify(await sign({ roles: ['admin', 'superuser'] }));
    expect(user.email).toBe('ada@example.com');
    expect(user.roles).toEqual(['admin']);
  });

  it('rejects expired tokens, another audience and another key with 401 errors', async () => {
    const other = await generateKeyPair('RS256');
    await expect(verifier.verify(await sign({}, { exp: '-1m' }))).rejects.toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringContaining('expired'),
    });
    await expect(verifier.verify(await sign({}, { aud: 'elsewhere' }))).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(verifier.verify(await sign({}, { key: other.privateKey }))).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(verifier.verify('not.a.jwt')).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('tolerates a few seconds of clock skew, not more', async () => {
    await expect(verifier.verify(await sign({}, { exp: '-3s' }))).resolves.toMatchObject({
      roles: ['customer'],
    });
    await expect(verifier.verify(await sign({}, { exp: '-10s' }))).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });

  it('refuses a token issued before its user was revoked, by the millisecond claim', async () => {
    const revocations = new RevocationList(900, 5);
    const guarded = new TokenVerifier({ issuer, audience, jwks }, revocations);
    const userId = randomUUID();
    const signFor = (iatMs: number) =>
      new SignJWT({ email: 'ada@example.com', roles: ['customer'], iat_ms: iatMs })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(privateKey);
    const revokedAt = Date.now();
    revocations.revokeSessions(userId, revokedAt);
    await expect(guarded.verify(await signFor(revokedAt - 1))).rejects.toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringContaining('revoked'),
    });
    await expect(guarded.verify(await signFor(revokedAt))).resolves.toMatchObject({ id: userId });
  });

  it('accepts a pinned PEM public key', async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const pinned = new TokenVerifier({ issuer, audience, publicKeyPem: await exportSPKI(pair.publicKey) });
    await expect(pinned.verify(await sign({}, { key: pair.privateKey }))).resolves.toMatchObject({
      roles: ['customer'],
    });
  });
});
