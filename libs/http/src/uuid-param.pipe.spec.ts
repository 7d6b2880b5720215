import { DomainError } from './domain-error';
import { UuidParam } from './uuid-param.pipe';

describe('UuidParam', () => {
  const pipe = new UuidParam();
  const meta = { type: 'param' as const, data: 'productId' };

  it('passes a UUID through, lowercased', () => {
    expect(pipe.transform('0F8FAD5B-D9CB-469F-A165-70867728950E', meta)).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });

  it.each(['not-a-uuid', '', '0f8fad5b-d9cb-469f-a165-70867728950e-x', undefined, 42])(
    'refuses %j with a 400 naming the parameter',
    (value) => {
      let thrown: unknown;
      try {
        pipe.transform(value, meta);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({
        code: 'VALIDATION_FAILED',
        kind: 'invalid',
        details: { errors: { productId: ['productId must be a UUID'] } },
      });
    },
  );
});
