import { z } from 'zod';

/** Environment of a service's Redis connection. */
export const redisEnvSchema = z.object({
  /** `redis://` or `rediss://` (TLS); may carry the password: `redis://:secret@host:6379`. */
  REDIS_URL: z
    .string()
    .url()
    .refine((value) => /^rediss?:\/\//.test(value), 'expected a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Used when REDIS_URL carries no password. */
  REDIS_PASSWORD: z.string().min(1).optional(),
});

export type RedisEnv = z.infer<typeof redisEnvSchema>;

export function redisUrlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
