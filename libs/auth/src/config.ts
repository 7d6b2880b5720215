import { z } from 'zod';
import type { TokenVerifierOptions } from './token-verifier';

/** How a service verifies access tokens; user-service signs them with the same issuer, audience and lifetime. */
export const authEnvSchema = z.object({
  JWT_ISSUER: z.string().min(1).default('ecommerce-user-service'),
  JWT_AUDIENCE: z.string().min(1).default('ecommerce'),
  /** user-service's JWKS; required in production (or JWT_PUBLIC_KEY), and never a localhost URL there. */
  JWT_JWKS_URL: z.string().url().optional(),
  /** A pinned PEM public key instead of the JWKS (no key rotation without a redeploy). */
  JWT_PUBLIC_KEY: z.string().optional(),
  /** Accepted clock skew between services on token times. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** Least time between two JWKS refetches caused by an unknown `kid`. */
  JWT_JWKS_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Access-token lifetime: user-service issues tokens for this long, verifiers remember revocations this long. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
});
export type AuthEnv = z.infer<typeof authEnvSchema>;

const LOCAL_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';

export function verifierOptionsFromEnv(env: AuthEnv & { NODE_ENV?: string }): TokenVerifierOptions {
  if (!env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY && env.NODE_ENV === 'production') {
    throw new Error('JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production');
  }
  return {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    // Outside production a user-service on this machine is assumed, as every native start runs one.
    jwksUrl: env.JWT_JWKS_URL ?? (env.JWT_PUBLIC_KEY ? undefined : LOCAL_JWKS_URL),
    publicKeyPem: env.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
    clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
    jwksCooldownMs: env.JWT_JWKS_COOLDOWN_MS,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  };
}
