import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { UserEntity } from '../users/user.entity';
import type { SigningKey } from './signing-keys';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * Signs the RS256 access token API.md describes: `kid` header; sub, email, roles, iss, aud, exp, jti,
 * and `iat_ms`: `iat` counts seconds, too coarse to tell a token issued just after a sign-out from
 * one issued just before it, which revocation must do.
 */
export function signAccessToken(
  user: Pick<UserEntity, 'id' | 'email' | 'roles'>,
  key: SigningKey,
  settings: AccessTokenSettings,
  now = Date.now(),
): Promise<string> {
  return new SignJWT({ email: user.email, roles: user.roles, iat_ms: now })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(Math.floor(now / 1_000))
    .setExpirationTime(Math.floor(now / 1_000) + settings.ttlSeconds)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
