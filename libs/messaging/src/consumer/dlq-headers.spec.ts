import { DLQ_ERROR_MAX_LENGTH, deadLetterHeaders, dlqHeaders, withoutDlqHeaders } from './dlq-headers';

const details = {
  error: new TypeError('boom'),
  attempts: 5,
  topic: 'order.events',
  partition: 3,
  offset: '42',
  consumerGroup: 'cart-service',
  failedAt: new Date('2026-01-02T03:04:05.000Z'),
};

describe('dlqHeaders', () => {
  it('says what failed, where, and how often', () => {
    expect(dlqHeaders(details)).toEqual({
      'x-dlq-error': 'TypeError: boom',
      'x-dlq-attempts': '5',
      'x-dlq-original-topic': 'order.events',
      'x-dlq-original-partition': '3',
      'x-dlq-original-offset': '42',
      'x-dlq-consumer-group': 'cart-service',
      'x-dlq-failed-at': '2026-01-02T03:04:05.000Z',
    });
  });

  it('truncates a long error message', () => {
    const error = dlqHeaders({ ...details, error: new Error('x'.repeat(5_000)) })['x-dlq-error'];
    expect(error).toHaveLength(DLQ_ERROR_MAX_LENGTH);
    expect(error?.endsWith('…')).toBe(true);
  });

  it('describes a thrown non-error', () => {
    expect(dlqHeaders({ ...details, error: 'plain string' })['x-dlq-error']).toBe('plain string');
  });
});

describe('deadLetterHeaders', () => {
  it('keeps the original headers and replaces x-dlq-* ones from an earlier failure', () => {
    const headers = deadLetterHeaders(
      {
        traceparent: Buffer.from('00-a-b-01'),
        type: Buffer.from('order.created'),
        'x-dlq-attempts': Buffer.from('1'),
        'X-DLQ-Error': 'old',
      },
      details,
    );
    expect(headers.traceparent?.toString()).toBe('00-a-b-01');
    expect(headers.type?.toString()).toBe('order.created');
    expect(headers['x-dlq-attempts']).toBe('5');
    expect(headers['X-DLQ-Error']).toBeUndefined();
  });
});

describe('withoutDlqHeaders', () => {
  it('drops only x-dlq-* headers', () => {
    expect(withoutDlqHeaders({ type: 'a', 'x-dlq-error': 'e', 'x-other': 'o' })).toEqual({
      type: 'a',
      'x-other': 'o',
    });
    expect(withoutDlqHeaders(undefined)).toEqual({});
  });
});
