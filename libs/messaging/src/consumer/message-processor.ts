import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventEnvelope } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';
import { RequestContext } from '@ecommerce/observability';
import type { KafkaMessage } from 'kafkajs';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { describeError } from '../errors';
import { recordInInbox } from '../inbox/inbox';
import { headersAsText } from '../kafka-headers';
import type { MessagingLogger } from '../logger';
import { consumedTotal, consumeFailuresTotal, handlerDuration, type ConsumeOutcome } from '../metrics';
import { sleep } from '../timers';
import { extractTraceContext } from '../tracing';
import { decodeEnvelope } from './decode';
import { handlerFor, type AnyEventHandler, type EventHandlers } from './handlers';
import { decideAfterFailure } from './retry-policy';

/** Where a message came from, for logs, metrics and the DLQ headers. */
export interface MessageOrigin {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export type DeadLetter = (origin: MessageOrigin, error: unknown, attempts: number) => Promise<void>;

export interface MessageProcessorOptions {
  groupId: string;
  handlers: EventHandlers;
  database?: Database;
  maxAttempts: number;
  backoff: BackoffPolicy;
  logger: MessagingLogger;
  deadLetter: DeadLetter;
  /** Aborted when the consumer stops: a retry wait ends and the message is left for redelivery. */
  signal: AbortSignal;
}

/** `done`: the offset may be committed. `interrupted`: stopped mid-retry, leave it for redelivery. */
export type ProcessResult = 'done' | 'interrupted';

const tracer = trace.getTracer('@ecommerce/messaging');

/** Decodes, dedupes, runs and retries one message; parks it on the DLQ when it cannot succeed. */
export class MessageProcessor {
  constructor(private readonly options: MessageProcessorOptions) {}

  async process(origin: MessageOrigin): Promise<ProcessResult> {
    const { topic } = origin;
    const decoded = decodeEnvelope(origin.message.value, (type) => handlerFor(this.options.handlers, type) !== undefined);
    if (decoded.kind === 'foreign') {
      consumedTotal.inc({ topic, type: 'unknown', outcome: 'skipped' });
      this.options.logger.warn({ topic, type: decoded.type, offset: origin.message.offset }, 'skipped an event type unknown to this build');
      return 'done';
    }
    if (decoded.kind === 'poison') {
      // Decoding fails the same way every time: straight to the DLQ, no retries.
      consumeFailuresTotal.inc({ topic, type: 'invalid' });
      await this.options.deadLetter(origin, decoded.error, 1);
      return 'done';
    }
    const { envelope } = decoded;
    const handler = handlerFor(this.options.handlers, envelope.type);
    if (!handler) {
      consumedTotal.inc({ topic, type: envelope.type, outcome: 'skipped' });
      return 'done';
    }
    return this.runWithRetries(origin, envelope, handler);
  }

  private async runWithRetries(origin: MessageOrigin, envelope: EventEnvelope, handler: AnyEventHandler): Promise<ProcessResult> {
    const { topic } = origin;
    const labels = { topic, type: envelope.type };
    for (let attempt = 1; ; attempt += 1) {
      const stopTimer = handlerDuration.startTimer(labels);
      try {
        const outcome = await this.runOnce(origin, envelope, handler);
        stopTimer();
        consumedTotal.inc({ ...labels, outcome });
        return 'done';
      } catch (error) {
        stopTimer();
        consumeFailuresTotal.inc(labels);
        if (decideAfterFailure(error, attempt, this.options.maxAttempts) === 'dead-letter') {
          await this.options.deadLetter(origin, error, attempt);
          return 'done';
        }
        this.options.logger.warn(
          { ...labels, eventId: envelope.id, attempt, partition: origin.partition, offset: origin.message.offset, err: error },
          `handler failed, retrying: ${describeError(error)}`,
        );
        await sleep(backoffDelay(attempt, this.options.backoff), this.options.signal);
        if (this.options.signal.aborted) return 'interrupted';
      }
    }
  }

  /** One attempt, as the continuation of the producer's trace and request. */
  private runOnce(origin: MessageOrigin, envelope: EventEnvelope, handler: AnyEventHandler): Promise<ConsumeOutcome> {
    const parent = extractTraceContext(headersAsText(origin.message.headers));
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.destination.name': origin.topic,
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.message.id': envelope.id,
      'messaging.kafka.message.key': envelope.aggregateId,
    };
    return tracer.startActiveSpan(`process ${envelope.type}`, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
      RequestContext.run({ correlationId: envelope.correlationId, causationId: envelope.id }, async () => {
        try {
          return await this.apply(envelope, handler);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
          throw error;
        } finally {
          span.end();
        }
      }),
    );
  }

  private async apply(envelope: EventEnvelope, handler: AnyEventHandler): Promise<ConsumeOutcome> {
    const { database, groupId } = this.options;
    if (!database) {
      await handler(envelope, undefined);
      return 'processed';
    }
    // The inbox row and the effect commit together: either both happen or neither does.
    return database.transaction(async (tx) => {
      if (!(await recordInInbox(tx, groupId, envelope))) return 'duplicate';
      await handler(envelope, tx);
      return 'processed';
    });
  }
}

