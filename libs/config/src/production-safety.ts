/**
 * Passwords that ship in this repository's compose file, Kubernetes dev overlay, native scripts and
 * examples, plus the usual placeholders. Anyone who has read the repository knows them.
 */
const WELL_KNOWN_PASSWORDS = new Set([
  'admin-password-change-me',
  'admin',
  'change-me',
  'changeme',
  'password',
  'secret',
  'postgres',
  'redis',
  'users',
  'products',
  'inventory',
  'orders',
  'payments',
  'notifications',
  'cart',
  'search',
]);

const SECRET_NAME = /(PASSWORD|SECRET)/;
const LOOPBACK_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|0\.0\.0\.0)$/i;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function urlPassword(url: unknown): string | undefined {
  try {
    return text(decodeURIComponent(new URL(String(url)).password));
  } catch {
    return undefined;
  }
}

/** Problems that make a configuration unusable in any environment (cross-field rules). */
function generalProblems(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (
    config.KAFKA_SASL_MECHANISM &&
    (!text(config.KAFKA_SASL_USERNAME) || !text(config.KAFKA_SASL_PASSWORD))
  ) {
    problems.push('KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set');
  }
  return problems;
}

/**
 * What a production deployment must not run with. The rules go by variable name, and every service
 * uses the same names for the same settings, so one list covers every service and any new one.
 */
function unsafeInProduction(config: Record<string, unknown>, requiredSecrets: readonly string[]): string[] {
  const problems: string[] = [];

  for (const name of requiredSecrets) {
    if (!text(config[name])) problems.push(`${name}: is required in production`);
  }

  for (const [name, value] of Object.entries(config)) {
    if (
      SECRET_NAME.test(name) &&
      typeof value === 'string' &&
      WELL_KNOWN_PASSWORDS.has(value.toLowerCase())
    ) {
      problems.push(`${name}: a well-known default password is refused in production`);
    }
  }

  if (
    text(config.DATABASE_PASSWORD) &&
    (config.DATABASE_PASSWORD === config.DATABASE_USER || config.DATABASE_PASSWORD === config.DATABASE_NAME)
  ) {
    problems.push('DATABASE_PASSWORD: must not equal the user or database name in production');
  }

  if ('REDIS_URL' in config) {
    const password = urlPassword(config.REDIS_URL) ?? text(config.REDIS_PASSWORD);
    if (!password)
      problems.push('REDIS_PASSWORD: Redis needs a password in production (REDIS_PASSWORD, or in REDIS_URL)');
    else if (WELL_KNOWN_PASSWORDS.has(password.toLowerCase()))
      problems.push('REDIS_URL: a well-known default password is refused in production');
  }

  // A service that verifies tokens must be told where the keys are: no fallback to a local user-service.
  if ('JWT_ISSUER' in config && !text(config.JWT_PRIVATE_KEY)) {
    const jwksUrl = text(config.JWT_JWKS_URL);
    if (!jwksUrl && !text(config.JWT_PUBLIC_KEY)) {
      problems.push('JWT_JWKS_URL: JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production');
    } else if (jwksUrl && LOOPBACK_HOSTS.test(new URL(jwksUrl).hostname)) {
      problems.push('JWT_JWKS_URL: must not point at localhost in production');
    }
  }
  return problems;
}

/** Every reason this parsed configuration must not start (production rules only with NODE_ENV=production). */
export function configProblems(
  config: Record<string, unknown>,
  requiredSecrets: readonly string[] = [],
): string[] {
  const problems = generalProblems(config);
  if (config.NODE_ENV === 'production') problems.push(...unsafeInProduction(config, requiredSecrets));
  return problems;
}
