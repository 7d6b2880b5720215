import { randomUUID } from 'node:crypto';

/** The one JSON shape of every Kafka message value (see EVENTS.md). */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  id: string;
  type: TType;
  version: number;
  source: string;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  data: TData;
}

export interface NewEvent<TData = unknown, TType extends string = string> {
  type: TType;
  aggregateId: string;
  data: TData;
  version?: number;
}

export interface EnvelopeContext {
  source: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
}

export function createEnvelope<TData, TType extends string>(
  event: NewEvent<TData, TType>,
  context: EnvelopeContext,
): EventEnvelope<TData, TType> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    source: context.source,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    aggregateId: event.aggregateId,
    correlationId: context.correlationId ?? randomUUID(),
    causationId: context.causationId ?? null,
    data: event.data,
  };
}

export const envelopeSchema = {
  type: 'object',
  required: [
    'id',
    'type',
    'version',
    'source',
    'occurredAt',
    'aggregateId',
    'correlationId',
    'causationId',
    'data',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', minLength: 1 },
    version: { type: 'integer', minimum: 1 },
    source: { type: 'string', minLength: 1 },
    occurredAt: { type: 'string', format: 'date-time' },
    aggregateId: { type: 'string', minLength: 1 },
    correlationId: { type: 'string', minLength: 1 },
    causationId: { type: ['string', 'null'] },
    data: {},
  },
} as const;
