import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Strips nothing silently: an unknown field is a 400 naming it (forbidNonWhitelisted), so a typo in
 * a client's request is found at once instead of being ignored.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
