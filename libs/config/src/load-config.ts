import type { z } from 'zod';
import { configProblems } from './production-safety';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Secrets this service cannot run without in production (e.g. its signing key or a provider key). */
  requiredInProduction?: readonly string[];
}

/**
 * Validates the environment against a service's schema and returns the typed config. Every bad or
 * missing variable is reported at once, by name, so a deploy fails with one readable message. With
 * `NODE_ENV=production` the settings that are only fit for a laptop (default passwords, a token key
 * fetched from localhost, a missing secret) are refused as well: see production-safety.ts.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): z.infer<TSchema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environment)';
        return `${variable}: ${issue.message}`;
      }),
    );
  }
  const problems = configProblems(result.data as Record<string, unknown>, options.requiredInProduction ?? []);
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}
