import { z } from 'zod';
import type { AdmissionLimits } from './admission-control';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z
  .object({
    /**
     * `false` turns shedding off (every request is admitted). Off by default under NODE_ENV=test:
     * a test suite on a busy machine lags on its own, and a test that fires a burst of requests at
     * a service must not get 503s for it (the shedding tests pass their settings explicitly).
     */
    HTTP_SHEDDING_ENABLED: z.enum(['true', 'false']).optional(),
    /** Requests in flight at most, whatever the event loop says. */
    HTTP_MAX_CONCURRENT_REQUESTS: positiveInt(256),
    /** The adaptive limit's floor while the event loop lags. */
    HTTP_MIN_CONCURRENT_REQUESTS: positiveInt(8),
    /** Event-loop delay (ms) that counts as overload: queued requests wait about this long more. */
    HTTP_SHED_EVENT_LOOP_DELAY_MS: positiveInt(50),
    /** How often (ms) the event-loop delay is sampled. */
    HTTP_SHED_SAMPLE_INTERVAL_MS: positiveInt(50),
    /** Retry-After (s) sent with a shed answer. */
    HTTP_SHED_RETRY_AFTER_SECONDS: positiveInt(1),
  })
  .refine((env) => env.HTTP_MIN_CONCURRENT_REQUESTS <= env.HTTP_MAX_CONCURRENT_REQUESTS, {
    message: 'HTTP_MIN_CONCURRENT_REQUESTS must not exceed HTTP_MAX_CONCURRENT_REQUESTS',
  });

export interface OverloadOptions extends AdmissionLimits {
  enabled: boolean;
  sampleIntervalMs: number;
  retryAfterSeconds: number;
}

/** The shedding settings from the environment, with defaults that suit a 2-core service. */
export function overloadOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OverloadOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new Error(`invalid overload shedding settings: ${issues.join('; ')}`);
  }
  const settings = parsed.data;
  return {
    enabled: settings.HTTP_SHEDDING_ENABLED
      ? settings.HTTP_SHEDDING_ENABLED === 'true'
      : env.NODE_ENV !== 'test',
    maxConcurrent: settings.HTTP_MAX_CONCURRENT_REQUESTS,
    minConcurrent: settings.HTTP_MIN_CONCURRENT_REQUESTS,
    maxEventLoopDelayMs: settings.HTTP_SHED_EVENT_LOOP_DELAY_MS,
    sampleIntervalMs: settings.HTTP_SHED_SAMPLE_INTERVAL_MS,
    retryAfterSeconds: settings.HTTP_SHED_RETRY_AFTER_SECONDS,
  };
}
