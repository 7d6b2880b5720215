import { ContractViolation } from '@ecommerce/contracts';
import { NonRetryableError } from '../errors';
import { decideAfterFailure } from './retry-policy';

describe('decideAfterFailure', () => {
  it('retries an ordinary error until the last attempt', () => {
    expect(decideAfterFailure(new Error('db down'), 1, 5)).toBe('retry');
    expect(decideAfterFailure(new Error('db down'), 4, 5)).toBe('retry');
    expect(decideAfterFailure(new Error('db down'), 5, 5)).toBe('dead-letter');
  });

  it('parks a NonRetryableError or a contract violation at once', () => {
    expect(decideAfterFailure(new NonRetryableError('unknown order'), 1, 5)).toBe('dead-letter');
    expect(decideAfterFailure(new ContractViolation('invalid', ['x']), 1, 5)).toBe('dead-letter');
  });

  it('with maxAttempts 1 never retries', () => {
    expect(decideAfterFailure(new Error('x'), 1, 1)).toBe('dead-letter');
  });
});
