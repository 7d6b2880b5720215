import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { EventEnvelope } from '@ecommerce/contracts';
import { RequestContext } from '@ecommerce/observability';
import { describeError } from '../errors';
import { headersAsText } from '../kafka-headers';
import { extractTraceContext } from '../tracing';
import type { MessageOrigin } from './message-processor';

const tracer = trace.getTracer('@ecommerce/messaging');

/**
 * Runs `work` as the continuation of the event's request: what it adds to the outbox carries the
 * event's correlation id and the event as cause. Batch handlers wrap the part of their work that
 * belongs to one event in it.
 */
export function withEventContext<R>(envelope: EventEnvelope, work: () => Promise<R>): Promise<R> {
  return RequestContext.run({ correlationId: envelope.correlationId, causationId: envelope.id }, work);
}

/** Runs `work` in a consumer span continuing the producer's trace, and in the event's context. */
export function inEventScope<R>(
  origin: MessageOrigin,
  envelope: EventEnvelope,
  groupId: string,
  work: () => Promise<R>,
): Promise<R> {
  const parent = extractTraceContext(headersAsText(origin.message.headers));
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.destination.name': origin.topic,
    'messaging.consumer.group.name': groupId,
    'messaging.message.id': envelope.id,
    'messaging.kafka.message.key': envelope.aggregateId,
  };
  return tracer.startActiveSpan(
    `process ${envelope.type}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    (span) => withEventContext(envelope, () => endingSpan(span, work)),
  );
}

/** Runs a batch handler in a consumer span of its own; each event's context is the handler's business. */
export function inBatchScope<R>(
  topic: string,
  type: string,
  groupId: string,
  size: number,
  work: () => Promise<R>,
): Promise<R> {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
    'messaging.consumer.group.name': groupId,
    'messaging.batch.message_count': size,
  };
  return tracer.startActiveSpan(`process ${type} batch`, { kind: SpanKind.CONSUMER, attributes }, (span) =>
    endingSpan(span, work),
  );
}

/** `work`'s outcome, with a failure recorded on `span`, which ends either way. */
async function endingSpan<R>(span: Span, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    throw error;
  } finally {
    span.end();
  }
}
