import { ROLES, type Role } from '@ecommerce/contracts';
import { DomainError } from '@ecommerce/http';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import type { AuthUser } from './auth-user';
import type { RevocationList } from './revocation-list';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /**
   * Where user-service publishes its keys (the current and the previous one). Keys are cached; a
   * token with a `kid` not in the cache triggers one refetch, at most once per `jwksCooldownMs`.
   */
  jwksUrl?: string;
  /** A PEM public key, for deployments that pin the key instead of fetching the JWKS. */
  publicKeyPem?: string;
  /** Keys held in memory (user-service verifies with its own JWKS without an HTTP round trip). */
  jwks?: { keys: JWK[] };
  /** Accepted clock skew between user-service and this service on `exp`/`nbf`/`iat`. Default 5 s. */
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches caused by unknown `kid`s, so forged kids cannot flood user-service. Default 5 s. */
  jwksCooldownMs?: number;
  /** Lifetime user-service gives access tokens; bounds how long a revocation is remembered. Default 900 s. */
  accessTokenTtlSeconds?: number;
  /**
   * Revoked tokens are refused within a moment of the `user.sessions-revoked` / `user.role-changed`
   * events (see RevocationConsumer). `false` turns that off: only for tests of the verifier alone.
   */
  revocation?: boolean;
}

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', 'unauthenticated', message);

/** When the token was issued, in ms: the `iat_ms` claim user-service adds, else `iat` (seconds). */
export function issuedAtMs(payload: JWTPayload): number {
  const precise = (payload as { iat_ms?: unknown }).iat_ms;
  if (typeof precise === 'number' && Number.isFinite(precise)) return precise;
  return (payload.iat ?? 0) * 1_000;
}

/**
 * Verifies RS256 access tokens (signature by `kid`, `iss`, `aud`, `exp`, with a small clock
 * tolerance), refuses revoked ones, and reads the caller from them.
 */
export class TokenVerifier {
  private readonly key: Promise<KeyObject | Awaited<ReturnType<typeof importSPKI>> | JWTVerifyGetKey>;

  constructor(
    private readonly options: TokenVerifierOptions,
    private readonly revocations?: RevocationList,
  ) {
    if (options.jwks) this.key = Promise.resolve(createLocalJWKSet(options.jwks));
    else if (options.publicKeyPem) this.key = importSPKI(options.publicKeyPem, 'RS256');
    else if (options.jwksUrl) {
      this.key = Promise.resolve(
        createRemoteJWKSet(new URL(options.jwksUrl), {
          cooldownDuration: options.jwksCooldownMs ?? 5_000,
          timeoutDuration: 3_000,
        }),
      );
    } else throw new Error('TokenVerifier needs jwksUrl, publicKeyPem or jwks');
  }

  async verify(token: string): Promise<AuthUser> {
    const key = await this.key;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp', 'jti', 'iat'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'The access token has expired.' : 'The access token is invalid.');
    }
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role))
      : [];
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string')
      throw unauthenticated('The access token is invalid.');
    const refusal = this.revocations?.refusalOf({
      userId: payload.sub,
      issuedAtMs: issuedAtMs(payload),
      roles,
    });
    if (refusal === 'revoked') throw unauthenticated('The access token was revoked; sign in again.');
    if (refusal === 'roles-changed') throw unauthenticated('Your roles changed; refresh the access token.');
    return { id: payload.sub, email: payload.email, roles };
  }
}
