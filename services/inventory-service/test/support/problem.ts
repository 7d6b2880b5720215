import type { Response } from 'supertest';

/** Asserts an RFC 9457 answer: status, content type, and the problem type of the expected code. */
export function expectProblem(response: Response, status: number, code?: string): Record<string, unknown> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  if (code) expect(body.type).toBe(`/problems/${code.toLowerCase().replace(/_/g, '-')}`);
  expect(JSON.stringify(body)).not.toMatch(/stack|SELECT|INSERT|UPDATE /);
  return body;
}
