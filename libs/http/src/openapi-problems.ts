import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, statusTitle } from './problem';

type Operation = {
  parameters?: { in?: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The problem+json document every error answer carries (RFC 9457 plus the platform's members). */
export const PROBLEM_SCHEMA_NAME = 'Problem';
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: '/problems/validation-failed' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    correlationId: { type: 'string' },
  },
  additionalProperties: true,
};

const problemResponse = (status: number, description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA_NAME) } } },
});

/**
 * Documents the errors the shared HTTP stack can answer on each operation, from what the operation
 * itself declares: 400 for one with parameters or a body (validation), 413 for one with a body
 * (the body limit), 401 and 403 for one that takes a token, 404 for one with path parameters, 500
 * and 503 everywhere (overload shedding and a dependency that is away answer before or beside the
 * handler). Statuses an operation documents itself (409, 422, ...: see `ApiProblems`) are kept as
 * they are.
 */
export function documentProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[PROBLEM_SCHEMA_NAME] = PROBLEM_SCHEMA as never;
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (path as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const add = (status: number, description: string) => {
        responses[String(status)] ??= problemResponse(status, description);
      };
      const parameters = operation.parameters ?? [];
      if (parameters.length > 0 || operation.requestBody)
        add(400, 'The request is invalid; `errors` names each field.');
      if (operation.requestBody) add(413, 'The body is larger than this service accepts.');
      if (operation.security?.length) {
        add(401, 'No valid access token.');
        add(403, 'The token does not carry a role this operation needs.');
      }
      if (parameters.some((parameter) => parameter.in === 'path')) add(404, 'Nothing is there.');
      add(500, 'An unexpected failure; quote the correlation id.');
      add(503, 'At capacity, or a dependency is away: try again after `Retry-After` seconds.');
    }
  }
  return document;
}

/** Documents statuses an operation answers beyond the shared ones, as problem+json. */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: statusTitle(status),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA_NAME) } } },
      }),
    ),
  );
