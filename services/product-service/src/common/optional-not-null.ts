import { ValidateIf } from 'class-validator';

/**
 * For PATCH bodies: the field may be left out, but `null` is validated like any other value (and so
 * refused by `@IsString()` etc.), unlike `@IsOptional()`, which would let `null` through and erase it.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
