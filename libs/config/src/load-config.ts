import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a service's schema and returns the typed config. Every bad or
 * missing variable is reported at once, by name, so a deploy fails with one readable message.
 */
export function loadConfig<TSchema extends z.ZodType>(schema: TSchema, env: NodeJS.ProcessEnv = process.env): z.infer<TSchema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Variable names whose values never reach a log line. */
const SECRET_PATTERN = /(PASSWORD|SECRET|PRIVATE_KEY|TOKEN|API_KEY)/i;

/** The config as it may be logged at start-up: secrets replaced by `[redacted]`. */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, SECRET_PATTERN.test(key) && value !== undefined ? '[redacted]' : value]),
  );
}
