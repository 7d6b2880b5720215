import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Signs access tokens the way user-service does, with a key pair made for the test run. */
export class TestTokens {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly publicKeyPem: string,
  ) {}

  static async create(): Promise<TestTokens> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    return new TestTokens(pair.privateKey, await exportSPKI(pair.publicKey));
  }

  sign(roles: string[], userId: string = randomUUID(), options: { expiresIn?: string; key?: PrivateKey } = {}): Promise<string> {
    return new SignJWT({ email: `${userId.slice(0, 8)}@example.com`, roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(userId)
      .setIssuer('ecommerce-user-service')
      .setAudience('ecommerce')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(options.key ?? this.privateKey);
  }

  admin(userId?: string): Promise<string> {
    return this.sign(['admin', 'customer'], userId);
  }

  customer(userId?: string): Promise<string> {
    return this.sign(['customer'], userId);
  }
}
