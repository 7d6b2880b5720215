import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/** W3C trace headers (`traceparent`, `tracestate`) of the given context, empty without an active span. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The trace context a producer put in the headers, to run the handler as its continuation. */
export function extractTraceContext(headers: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * The relay's own context. The kafkajs instrumentation would otherwise replace each message's
 * `traceparent` (written when the event was added, inside the request's trace) with a span of the
 * relay's loop, and one checkout would no longer be one trace. It also keeps the relay's polling
 * queries out of the traces.
 */
export const untracedContext = (): Context => suppressTracing(ROOT_CONTEXT);
