import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The test UuidParam applies (any case; ids are compared lowercased). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * A path id that must be a UUID: anything else is a 400 naming the parameter, with the same body as
 * any other validation failure (Nest's ParseUUIDPipe answers without `errors`), and it never reaches
 * PostgreSQL, where it would be a cast error. Ids come back lowercased. `@Param('id', UuidParam)`.
 */
@Injectable()
export class UuidParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUuid(value)) return value.toLowerCase();
    const name = metadata.data ?? 'id';
    throw new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', {
      errors: { [name]: [`${name} must be a UUID`] },
    });
  }
}

/** Documents a UUID path parameter in the OpenAPI document (`format: uuid`), next to `UuidParam`. */
export const ApiUuidParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({ name, type: String, format: 'uuid', ...(description ? { description } : {}) });
