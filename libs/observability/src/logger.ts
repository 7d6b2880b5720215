import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import { RequestContext } from './context';

export type { Logger } from 'pino';

const REDACTED_PATHS = [
  'password',
  '*.password',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'paymentMethod',
  '*.paymentMethod',
];

/**
 * JSON logs with the service name and, on every line, the trace id and correlation id of the work
 * in progress, so one checkout can be followed across services. Secrets are redacted by path.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const context = RequestContext.current();
      const spanContext = trace.getActiveSpan()?.spanContext();
      return {
        ...(context ? { correlationId: context.correlationId } : {}),
        ...(spanContext ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : {}),
      };
    },
  });
}
