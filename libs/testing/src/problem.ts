/** The parts of a supertest response a problem check needs. */
interface ProblemResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** What an answer must never show: stack frames, driver errors, SQL, Elasticsearch internals. */
const LEAKS = /stack|exception|elasticsearch|QueryFailedError|SELECT |INSERT |UPDATE |ERR |at \w+ \(/i;

/**
 * Asserts an RFC 9457 answer as the platform sends it: the status, problem+json, `type`/`title`/
 * `status`, the `code` when given, and nothing that looks like a stack trace or driver message.
 */
export function expectProblem(
  response: ProblemResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
  });
  if (code) expect((response.body as { code?: unknown }).code).toBe(code);
  expect(JSON.stringify(response.body)).not.toMatch(LEAKS);
  return response.body as Record<string, unknown>;
}
