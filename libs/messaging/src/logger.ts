/**
 * The logger the messaging classes write to: the subset of pino's API they use, so a service passes
 * its pino logger as is and tests or scripts can pass anything smaller.
 */
export interface MessagingLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

// Errors do not survive JSON.stringify (their fields are not enumerable), so spell them out.
const serializable = (value: unknown): unknown =>
  value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;

/**
 * One JSON line per entry on stdout/stderr, for code that runs without a service's pino logger
 * (the DLQ command, tests). Entries below `level` (default `LOG_LEVEL`, else `info`) are dropped.
 */
export function consoleJsonLogger(
  base: Record<string, unknown> = {},
  level: string = process.env.LOG_LEVEL ?? 'info',
): MessagingLogger {
  const threshold = Math.max(0, LEVELS.indexOf(level as Level));
  const write = (entryLevel: Level) => (obj: object, msg?: string) => {
    if (LEVELS.indexOf(entryLevel) < threshold) return;
    const fields = Object.fromEntries(Object.entries(obj).map(([key, value]) => [key, serializable(value)]));
    const line = JSON.stringify({
      level: entryLevel,
      time: new Date().toISOString(),
      ...base,
      ...fields,
      msg,
    });
    if (entryLevel === 'error' || entryLevel === 'warn') console.error(line);
    else console.log(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
