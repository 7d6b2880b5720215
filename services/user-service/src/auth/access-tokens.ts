import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { UserEntity } from '../users/user.entity';
import type { SigningKey } from './signing-keys';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs the RS256 access token API.md describes: `kid` header; sub, email, roles, iss, aud, exp, jti. */
export function signAccessToken(user: Pick<UserEntity, 'id' | 'email' | 'roles'>, key: SigningKey, settings: AccessTokenSettings): Promise<string> {
  return new SignJWT({ email: user.email, roles: user.roles })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
