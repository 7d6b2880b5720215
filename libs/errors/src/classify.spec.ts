import { classifyFailure } from './classify';
import { DomainError } from './domain-error';
import { PermanentError, TransientError } from './failures';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('classifyFailure', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EAI_AGAIN',
    '40001',
    '40P01',
    '57P01',
    '57P03',
    '53300',
    '08006',
    '08001',
  ])('calls %s transient', (code) => {
    expect(classifyFailure(withCode(code))).toBe('transient');
  });

  it('recognises clients that name their connection errors', () => {
    expect(classifyFailure(Object.assign(new Error('es'), { name: 'ConnectionError' }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('es'), { name: 'TimeoutError' }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('redis'), { name: 'MaxRetriesPerRequestError' }))).toBe(
      'transient',
    );
    expect(
      classifyFailure(
        Object.assign(new Error('leader moved'), { name: 'KafkaJSProtocolError', retriable: true }),
      ),
    ).toBe('transient');
    expect(
      classifyFailure(
        Object.assign(new Error('too large'), { name: 'KafkaJSProtocolError', retriable: false }),
      ),
    ).toBe('unknown');
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyFailure(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });

  it('looks through cause chains and TypeORM driver errors', () => {
    expect(classifyFailure(new Error('query failed', { cause: withCode('ECONNRESET') }))).toBe('transient');
    expect(
      classifyFailure(Object.assign(new Error('QueryFailedError'), { driverError: withCode('40P01') })),
    ).toBe('transient');
  });

  it('maps domain error kinds: input problems are permanent, unavailability passes', () => {
    for (const kind of [
      'invalid',
      'not_found',
      'conflict',
      'unprocessable',
      'forbidden',
      'unauthenticated',
    ] as const) {
      expect(classifyFailure(new DomainError('X', kind, 'x'))).toBe('permanent');
    }
    expect(classifyFailure(new DomainError('X', 'unavailable', 'x'))).toBe('transient');
    expect(classifyFailure(new DomainError('X', 'rate_limited', 'x'))).toBe('transient');
  });

  it('honours explicit PermanentError and TransientError, and knows nothing of the rest', () => {
    expect(classifyFailure(new PermanentError('never'))).toBe('permanent');
    expect(classifyFailure(new TransientError('later'))).toBe('transient');
    expect(classifyFailure(new TypeError('x is undefined'))).toBe('unknown');
    expect(classifyFailure(withCode('23505'))).toBe('unknown');
    expect(classifyFailure('a string')).toBe('unknown');
    expect(classifyFailure(undefined)).toBe('unknown');
  });
});
