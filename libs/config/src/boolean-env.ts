import { z } from 'zod';

/**
 * A boolean setting: exactly `true` or `false`, anything else (`1`, `yes`, `TRUE`) is refused at
 * start instead of being read as false. `FEATURE_ENABLED: booleanEnv(true)`.
 */
export const booleanEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');
