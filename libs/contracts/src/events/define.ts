import type { Topic } from '../topics';

/** A JSON schema as a plain object (draft 2020-12 subset that ajv understands). */
export type JsonSchema = Record<string, unknown>;

/** One event or command type: where it travels and what its `data` must look like. */
export interface EventDefinition<TType extends string = string> {
  type: TType;
  version: number;
  topic: Topic;
  summary: string;
  schema: JsonSchema;
}

export function defineEvent<TType extends string>(
  definition: EventDefinition<TType>,
): EventDefinition<TType> {
  return definition;
}

export const uuid = { type: 'string', format: 'uuid' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const positiveInt = { type: 'integer', minimum: 1 } as const;
export const nonNegativeInt = { type: 'integer', minimum: 0 } as const;

/** An object schema that names every property as required unless listed in `optional`. */
export function objectSchema(properties: Record<string, unknown>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
  };
}
