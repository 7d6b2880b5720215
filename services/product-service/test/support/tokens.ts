import { randomUUID } from 'node:crypto';
import type { Role } from '@ecommerce/contracts';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * Signs access tokens the way user-service does (RS256, kid header, sub/email/roles/iss/aud/jti/exp)
 * with a key pair made for the test run; the service under test trusts its public key through
 * JWT_PUBLIC_KEY, so tests do not need user-service running.
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

  sign(roles: Role[], options: { expiresIn?: string; key?: PrivateKey } = {}): Promise<string> {
    const id = randomUUID();
    return new SignJWT({ email: `${id}@example.com`, roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(id)
      .setIssuer('ecommerce-user-service')
      .setAudience('ecommerce')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(options.key ?? this.privateKey);
  }

  admin = (): Promise<string> => this.sign(['admin', 'customer']);
  customer = (): Promise<string> => this.sign(['customer']);

  /** A well-formed token from a key the service does not trust. */
  static async foreign(): Promise<string> {
    const other = await TestTokens.create();
    return other.admin();
  }
}
