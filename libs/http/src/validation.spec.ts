import { IsString } from 'class-validator';
import { DomainError } from './domain-error';
import { createValidationPipe, OptionalNotNull, pathOfNul } from './validation';

class RenameDto {
  @OptionalNotNull()
  @IsString()
  name?: string;
}

const asBody = { type: 'body', metatype: RenameDto, data: '' } as const;

async function problemOf(run: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('pathOfNul', () => {
  it('names the first field whose string holds a NUL character', () => {
    expect(pathOfNul({ a: 'ok', items: [{ name: 'x\u0000y' }] })).toBe('items.0.name');
    expect(pathOfNul('\u0000', 'q')).toBe('q');
  });

  it('finds nothing in clean values, numbers, nulls and raw bytes', () => {
    expect(pathOfNul({ a: 'ok', b: [1, null, true], c: { d: 'e' } })).toBeUndefined();
    expect(pathOfNul(Buffer.from('a\u0000b'))).toBeUndefined();
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('answers a NUL character in a body field with a 400 naming the field', async () => {
    const error = await problemOf(pipe.transform({ name: 'Ada\u0000' }, asBody));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.errors).toEqual({ name: ['name must not contain the NUL character'] });
  });

  it('refuses null for an optional field (OptionalNotNull) but accepts it left out', async () => {
    const error = await problemOf(pipe.transform({ name: null }, asBody));
    expect(Object.keys(error.details.errors ?? {})).toEqual(['name']);
    await expect(pipe.transform({}, asBody)).resolves.toBeInstanceOf(RenameDto);
    await expect(pipe.transform({ name: 'Ada' }, asBody)).resolves.toEqual({ name: 'Ada' });
  });
});
