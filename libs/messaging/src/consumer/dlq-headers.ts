import type { IHeaders } from 'kafkajs';
import { describeError } from '../errors';

export const DLQ_HEADER_PREFIX = 'x-dlq-';
export const DLQ_ERROR_MAX_LENGTH = 1_000;
/**
 * Set on a replayed message: the consumer group it is meant for. Every other group on the topic
 * skips it, since it applied (or parked) the original already.
 */
export const REPLAY_GROUP_HEADER = 'x-replay-group';

/** Where and why a message failed; becomes the `x-dlq-*` headers of its copy on the DLQ. */
export interface DeadLetterDetails {
  error: unknown;
  attempts: number;
  topic: string;
  partition: number;
  offset: string;
  consumerGroup: string;
  failedAt: Date;
}

export function dlqHeaders(details: DeadLetterDetails): Record<string, string> {
  const error = describeError(details.error);
  return {
    'x-dlq-error':
      error.length > DLQ_ERROR_MAX_LENGTH ? `${error.slice(0, DLQ_ERROR_MAX_LENGTH - 1)}…` : error,
    'x-dlq-attempts': String(details.attempts),
    'x-dlq-original-topic': details.topic,
    'x-dlq-original-partition': String(details.partition),
    'x-dlq-original-offset': details.offset,
    'x-dlq-consumer-group': details.consumerGroup,
    'x-dlq-failed-at': details.failedAt.toISOString(),
  };
}

/** The headers a message had before it was parked (a replayed message that fails again loses its old x-dlq-* ones). */
export function withoutDlqHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(
      ([name]) =>
        !name.toLowerCase().startsWith(DLQ_HEADER_PREFIX) && name.toLowerCase() !== REPLAY_GROUP_HEADER,
    ),
  );
}

/** Headers of the DLQ copy: the original ones (trace context, type) plus where and why it failed. */
export function deadLetterHeaders(original: IHeaders | undefined, details: DeadLetterDetails): IHeaders {
  return { ...withoutDlqHeaders(original), ...dlqHeaders(details) };
}
