/** Variable names whose values never reach a log line. */
const SECRET_NAME = /(PASSWORD|SECRET|PRIVATE_KEY|TOKEN|API_KEY|SSL_KEY|CREDENTIAL)/i;
const REDACTED = '[redacted]';

/** `scheme://user:password@host` with the password replaced; other strings unchanged. */
function withoutUrlPassword(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(value)) return value;
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = REDACTED;
    return url.toString();
  } catch {
    return value;
  }
}

/** The config as it may be logged at start-up: secrets replaced by `[redacted]`, URL passwords too. */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (value === undefined) return [key, value];
      if (SECRET_NAME.test(key)) return [key, REDACTED];
      return [key, typeof value === 'string' ? withoutUrlPassword(value) : value];
    }),
  );
}

/** One JSON log line (the services' log format) with the redacted config, for the start-up log. */
export function configLogLine(service: string, config: Record<string, unknown>, now = new Date()): string {
  return JSON.stringify({
    level: 'info',
    time: now.toISOString(),
    service,
    msg: 'configuration loaded',
    config: redactConfig(config),
  });
}
