import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * Signs access tokens the way user-service does (RS256, kid header, sub/email/roles/iss/aud/jti/exp),
 * with a key pair made for the test run; the service under test gets the public key as JWT_PUBLIC_KEY.
 */
export class TestTokens {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly publicKeyPem: string,
  ) {}

  static async create(): Promise<TestTokens> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    return new TestTokens(pair.privateKey, await exportSPKI(pair.publicKey));
  }

  sign(userId: string, roles: string[] = ['customer'], expiresIn = '15m'): Promise<string> {
    return new SignJWT({ email: `${userId.slice(0, 8)}@example.com`, roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(userId)
      .setIssuer('ecommerce-user-service')
      .setAudience('ecommerce')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.privateKey);
  }

  /** A fresh customer: a new id and a bearer header for it. */
  async customer(): Promise<{ id: string; auth: string }> {
    const id = randomUUID();
    return { id, auth: `Bearer ${await this.sign(id)}` };
  }
}
