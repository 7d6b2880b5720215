import { z } from 'zod';

/** How a service that only verifies tokens finds the keys. */
export const authEnvSchema = z.object({
  JWT_ISSUER: z.string().min(1).default('ecommerce-user-service'),
  JWT_AUDIENCE: z.string().min(1).default('ecommerce'),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
});
export type AuthEnv = z.infer<typeof authEnvSchema>;

export function verifierOptionsFromEnv(env: AuthEnv) {
  return {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    jwksUrl: env.JWT_JWKS_URL ?? (env.JWT_PUBLIC_KEY ? undefined : 'http://127.0.0.1:3001/api/auth/jwks'),
    publicKeyPem: env.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
  };
}
