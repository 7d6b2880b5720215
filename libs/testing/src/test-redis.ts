/** The Redis database index integration tests use; a natively started platform uses 0. */
export const TEST_REDIS_DATABASE = 1;

/**
 * `url` (default REDIS_URL) pointed at the tests' own database index, for a service whose Redis keys
 * carry no per-run prefix: its test keys never land among the running platform's.
 */
export function testRedisUrl(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): string {
  const parsed = new URL(url);
  parsed.pathname = `/${TEST_REDIS_DATABASE}`;
  return parsed.toString();
}
