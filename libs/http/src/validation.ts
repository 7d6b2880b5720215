import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { DomainError } from './domain-error';

/** Flattens class-validator's tree into `{ "shippingAddress.city": ["city must be a string"] }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const flat: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) flat[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(flat, flattenValidationErrors(error.children, path));
  }
  return flat;
}

/** Where `value` holds a string with a NUL character: `items.0.name`, or undefined when nowhere. */
export function pathOfNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // A raw body (Buffer) holds bytes, not text fields.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = pathOfNul(child, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * PostgreSQL text cannot hold a NUL character: a string with one would fail at the INSERT as a 500.
 * No field of the platform has a use for it, so it is a 400 naming the field, before any DTO runs.
 */
class PlatformValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const path = metadata.type === 'custom' ? undefined : pathOfNul(value, metadata.data ?? '');
    if (path !== undefined) {
      const field = path || metadata.type;
      return Promise.reject(
        new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', {
          errors: { [field]: [`${field} must not contain the NUL character`] },
        }),
      );
    }
    return super.transform(value, metadata);
  }
}

/**
 * Strips nothing silently: an unknown field is a 400 naming it (forbidNonWhitelisted), so a typo in
 * a client's request is found at once instead of being ignored.
 */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', {
        errors: flattenValidationErrors(errors),
      }),
  });
}

/**
 * For optional body fields: the field may be left out, but `null` is validated like any other value
 * (and so refused by `@IsString()` etc. with a 400), unlike `@IsOptional()`, which lets `null` through
 * to a NOT NULL column or to code that expects a value.
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
