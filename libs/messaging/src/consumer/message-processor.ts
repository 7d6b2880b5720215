import type { EventEnvelope } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';
import type { KafkaMessage } from 'kafkajs';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { describeError } from '../errors';
import { recordInInbox } from '../inbox/inbox';
import { headerText } from '../kafka-headers';
import type { MessagingLogger } from '../logger';
import { consumedTotal, consumeFailuresTotal, handlerDuration, type ConsumeOutcome } from '../metrics';
import { sleep } from '../timers';
import { decodeEnvelope } from './decode';
import { REPLAY_GROUP_HEADER } from './dlq-headers';
import { inEventScope } from './event-scope';
import { handlerFor, type AnyEventHandler, type EventHandlers } from './handlers';
import type { PartitionHealth } from './partition-health';
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
  handlers: EventHandlers<never>;
  database?: Database;
  /** Attempts for an error of unknown class before the message is parked. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Wait between attempts while infrastructure is away. */
  transientBackoff: BackoffPolicy;
  health: PartitionHealth;
  logger: MessagingLogger;
  deadLetter: DeadLetter;
  /** Aborted when the consumer stops: a retry wait ends and the message is left for redelivery. */
  signal: AbortSignal;
}

const firstAborted = (...signals: Array<AbortSignal | undefined>): AbortSignal =>
  AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));

/**
 * A decoded message and what to do with it: `skip` (a type this group does not handle, or a replay
 * meant for another group), `poison` (it can never be decoded: park it), `apply` (run `handler`).
 */
export type PreparedMessage =
  | { kind: 'skip'; origin: MessageOrigin; type: string }
  | { kind: 'poison'; origin: MessageOrigin; error: Error }
  | { kind: 'apply'; origin: MessageOrigin; envelope: EventEnvelope; handler: AnyEventHandler };

/** `done`: the offset may be committed. `interrupted`: stopped mid-retry, leave it for redelivery. */
export type ProcessResult = 'done' | 'interrupted';

/** Decodes, dedupes, runs and retries one message; parks it on the DLQ when it cannot succeed. */
export class MessageProcessor {
  constructor(private readonly options: MessageProcessorOptions) {}

  /**
   * `batchSignal` is aborted when the batch must end early (a rebalance took the partition away):
   * a wait for infrastructure ends and the message is left for whoever owns the partition next.
   */
  async process(origin: MessageOrigin, batchSignal?: AbortSignal): Promise<ProcessResult> {
    return this.processPrepared(this.prepare(origin), batchSignal);
  }

  /** Decodes a message and finds its handler, without running anything. */
  prepare(origin: MessageOrigin): PreparedMessage {
    const { message } = origin;
    const replayGroup = headerText(message.headers, REPLAY_GROUP_HEADER);
    if (replayGroup !== undefined && replayGroup !== this.options.groupId) {
      // A replay meant for another group: this group applied (or parked) the original already.
      return { kind: 'skip', origin, type: headerText(message.headers, 'type') ?? 'unknown' };
    }
    const decoded = decodeEnvelope(
      message.value,
      (type) => handlerFor(this.options.handlers, type) !== undefined,
      headerText(message.headers, 'type'),
    );
    if (decoded.kind === 'unhandled') return { kind: 'skip', origin, type: decoded.type };
    // Decoding fails the same way every time: straight to the DLQ, no retries.
    if (decoded.kind === 'poison') return { kind: 'poison', origin, error: decoded.error };
    const { envelope } = decoded;
    const handler = handlerFor(this.options.handlers, envelope.type);
    if (!handler) return { kind: 'skip', origin, type: envelope.type };
    return { kind: 'apply', origin, envelope, handler };
  }

  /** Finishes a prepared message on its own: skips it, parks it, or applies it with retries. */
  async processPrepared(prepared: PreparedMessage, batchSignal?: AbortSignal): Promise<ProcessResult> {
    const { origin } = prepared;
    switch (prepared.kind) {
      case 'skip':
        consumedTotal.inc({ topic: origin.topic, type: prepared.type, outcome: 'skipped' });
        return 'done';
      case 'poison':
        consumeFailuresTotal.inc({ topic: origin.topic, type: 'invalid' });
        await this.options.deadLetter(origin, prepared.error, 1);
        return 'done';
      case 'apply':
        return this.runWithRetries(
          origin,
          prepared.envelope,
          prepared.handler,
          firstAborted(this.options.signal, batchSignal),
        );
    }
  }

  private async runWithRetries(
    origin: MessageOrigin,
    envelope: EventEnvelope,
    handler: AnyEventHandler,
    signal: AbortSignal,
  ): Promise<ProcessResult> {
    const { topic, partition } = origin;
    const labels = { topic, type: envelope.type };
    const { health } = this.options;
    // Unknown errors count towards maxAttempts; infrastructure waits do not.
    let unknownFailures = 0;
    try {
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
          const decision = decideAfterFailure(error, unknownFailures + 1, this.options.maxAttempts);
          if (decision === 'dead-letter') {
            await this.options.deadLetter(origin, error, attempt);
            return 'done';
          }
          const context = {
            ...labels,
            eventId: envelope.id,
            attempt,
            partition,
            offset: origin.message.offset,
            err: error,
          };
          let delay: number;
          if (decision === 'wait') {
            health.waiting(topic, partition, origin.message.offset, attempt, error);
            // Warn on the first failures and then now and again: an outage of minutes must not flood the log.
            if (attempt <= 3 || attempt % 20 === 0)
              this.options.logger.warn(
                context,
                `infrastructure unavailable, partition waits: ${describeError(error)}`,
              );
            delay = backoffDelay(attempt, this.options.transientBackoff);
          } else {
            unknownFailures += 1;
            this.options.logger.warn(context, `handler failed, retrying: ${describeError(error)}`);
            delay = backoffDelay(unknownFailures, this.options.backoff);
          }
          await sleep(delay, signal);
          if (signal.aborted) return 'interrupted';
        }
      }
    } finally {
      health.moving(topic, partition);
    }
  }

  /** One attempt, as the continuation of the producer's trace and request. */
  private runOnce(
    origin: MessageOrigin,
    envelope: EventEnvelope,
    handler: AnyEventHandler,
  ): Promise<ConsumeOutcome> {
    return inEventScope(origin, envelope, this.options.groupId, () => this.apply(envelope, handler));
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
