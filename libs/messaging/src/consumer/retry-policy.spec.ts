import { ContractViolation } from '@ecommerce/contracts';
import { DomainError, PermanentError, TransientError } from '@ecommerce/errors';
import { NonRetryableError } from '../errors';
import { decideAfterFailure } from './retry-policy';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('decideAfterFailure', () => {
  it('retries an error of unknown class until the last attempt, then parks it', () => {
    expect(decideAfterFailure(new TypeError('x is undefined'), 1, 5)).toBe('retry');
    expect(decideAfterFailure(new Error('surprise'), 4, 5)).toBe('retry');
    expect(decideAfterFailure(new Error('surprise'), 5, 5)).toBe('dead-letter');
  });

  it('waits out infrastructure errors however many attempts they took', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('ETIMEDOUT'),
      withCode('40001', 'could not serialize access'),
      withCode('40P01', 'deadlock detected'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('53300', 'too many connections'),
      withCode('08006', 'connection failure'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('no broker'), { name: 'KafkaJSConnectionError', retriable: true }),
      Object.assign(new Error('es down'), { name: 'ConnectionError' }),
      new TransientError('upstream answered 503'),
      new DomainError('UPSTREAM_DOWN', 'unavailable', 'catalog unavailable'),
      new Error('query failed', { cause: withCode('ECONNRESET') }),
    ]) {
      expect(decideAfterFailure(error, 100, 5)).toBe('wait');
    }
  });

  it('parks at once what can never succeed', () => {
    expect(decideAfterFailure(new NonRetryableError('unknown order'), 1, 5)).toBe('dead-letter');
    expect(decideAfterFailure(new PermanentError('bad input'), 1, 5)).toBe('dead-letter');
    expect(decideAfterFailure(new ContractViolation('invalid', ['x']), 1, 5)).toBe('dead-letter');
    for (const kind of ['invalid', 'not_found', 'conflict', 'unprocessable'] as const) {
      expect(decideAfterFailure(new DomainError('RULE', kind, 'rejected'), 1, 5)).toBe('dead-letter');
    }
  });

  it('treats a constraint violation (a bug or bad data, not an outage) as unknown', () => {
    expect(decideAfterFailure(withCode('23505', 'duplicate key'), 1, 5)).toBe('retry');
  });

  it('with maxAttempts 1 never retries an unknown error', () => {
    expect(decideAfterFailure(new Error('x'), 1, 1)).toBe('dead-letter');
  });
});
