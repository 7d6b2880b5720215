import { refusedForGood } from './kafka-refusal';

const protocolError = (type: string, retriable: boolean) =>
  Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type, retriable });

describe('refusedForGood', () => {
  it('recognises a record the broker will never take, wrapped the ways kafkajs wraps it', () => {
    expect(refusedForGood(protocolError('MESSAGE_TOO_LARGE', false))).toEqual({
      reason: 'MESSAGE_TOO_LARGE: broker says MESSAGE_TOO_LARGE',
      unknownTopic: false,
    });
    const exhausted = Object.assign(new Error('retries exhausted'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      cause: protocolError('UNKNOWN_TOPIC_OR_PARTITION', true),
    });
    expect(refusedForGood(exhausted)).toMatchObject({ unknownTopic: true });
    const aggregate = Object.assign(new Error('several'), {
      name: 'KafkaJSAggregateError',
      errors: [protocolError('INVALID_TOPIC_EXCEPTION', false)],
    });
    expect(refusedForGood(aggregate)?.reason).toMatch(/^INVALID_TOPIC_EXCEPTION/);
  });

  it('leaves everything else to be retried', () => {
    expect(refusedForGood(protocolError('NOT_LEADER_FOR_PARTITION', true))).toBeUndefined();
    expect(
      refusedForGood(Object.assign(new Error('connection refused'), { name: 'KafkaJSConnectionError' })),
    ).toBeUndefined();
    expect(refusedForGood(undefined)).toBeUndefined();
  });
});
