import { randomUUID } from 'node:crypto';
import type { Role } from '@ecommerce/contracts';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenOptions {
  roles?: Role[];
  userId?: string;
  expiresIn?: string;
  /** Sign with another key, e.g. one the service under test does not trust. */
  key?: PrivateKey;
}

/**
 * Signs access tokens the way user-service does (RS256, kid header, sub/email/roles/iss/aud/jti/exp)
 * with a key pair made for the test run. The service under test trusts it through JWT_PUBLIC_KEY,
 * so its tests do not need user-service running.
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

  /** A well-formed admin token from a key nobody trusts. */
  static async foreign(): Promise<string> {
    return (await TestTokens.create()).admin();
  }

  sign({
    roles = ['customer'],
    userId = randomUUID(),
    expiresIn = '15m',
    key,
  }: TokenOptions = {}): Promise<string> {
    return new SignJWT({ email: `${userId.slice(0, 8)}@example.com`, roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(userId)
      .setIssuer('ecommerce-user-service')
      .setAudience('ecommerce')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key ?? this.privateKey);
  }

  admin(userId?: string): Promise<string> {
    return this.sign({ roles: ['admin', 'customer'], userId });
  }

  customer(userId?: string): Promise<string> {
    return this.sign({ roles: ['customer'], userId });
  }

  /** A customer nobody has seen yet: a new id and the Authorization header value for it. */
  async newCustomer(): Promise<{ id: string; auth: string }> {
    const id = randomUUID();
    return { id, auth: `Bearer ${await this.customer(id)}` };
  }
}
