import { ROLES, type Role } from '@ecommerce/contracts';
import { DomainError } from '@ecommerce/http';
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, type JWK, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { AuthUser } from './auth-user';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Where user-service publishes its keys; keys are cached and refetched when a new `kid` appears. */
  jwksUrl?: string;
  /** A PEM public key, for deployments that pin the key instead of fetching the JWKS. */
  publicKeyPem?: string;
  /** Keys held in memory (user-service verifies with its own JWKS without an HTTP round trip). */
  jwks?: { keys: JWK[] };
}

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', 'unauthenticated', message);

/** Verifies RS256 access tokens (signature, `iss`, `aud`, `exp`) and reads the caller from them. */
export class TokenVerifier {
  private readonly key: Promise<KeyObject | Awaited<ReturnType<typeof importSPKI>> | JWTVerifyGetKey>;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwks) this.key = Promise.resolve(createLocalJWKSet(options.jwks));
    else if (options.publicKeyPem) this.key = importSPKI(options.publicKeyPem, 'RS256');
    else if (options.jwksUrl) this.key = Promise.resolve(createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 }));
    else throw new Error('TokenVerifier needs jwksUrl, publicKeyPem or jwks');
  }

  async verify(token: string): Promise<AuthUser> {
    const key = await this.key;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp', 'jti'],
      }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'The access token has expired.' : 'The access token is invalid.');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role)) : [];
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') throw unauthenticated('The access token is invalid.');
    return { id: payload.sub, email: payload.email, roles };
  }
}
