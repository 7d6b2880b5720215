import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Access tokens shaped like user-service's, signed with a key pair made for the test run. */
export class TestTokens {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly publicKeyPem: string,
  ) {}

  static async create(): Promise<TestTokens> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    return new TestTokens(pair.privateKey, await exportSPKI(pair.publicKey));
  }

  sign(roles: ('customer' | 'admin')[]): Promise<string> {
    return new SignJWT({ email: `${randomUUID()}@example.com`, roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(randomUUID())
      .setIssuer('ecommerce-user-service')
      .setAudience('ecommerce')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(this.privateKey);
  }

  admin = (): Promise<string> => this.sign(['admin', 'customer']);
  customer = (): Promise<string> => this.sign(['customer']);
}
