import { Agent, request } from 'node:http';
import type Redis from 'ioredis';

export interface FloodResult {
  /** Requests answered, by status code. */
  statuses: Record<number, number>;
  elapsedMs: number;
}

export interface FloodOptions {
  /** http://host:port of the server under test. */
  baseUrl: string;
  total: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** The path (with query) of the i-th request. */
  pathFor: (index: number) => string;
  /** Headers of the i-th request. */
  headersFor?: (index: number) => Record<string, string>;
}

/**
 * Sends many small GETs over a few kept-alive connections and counts the answers, discarding their
 * bodies. Far cheaper per request than supertest, so a test can send a hundred thousand in seconds.
 */
export async function floodGet({
  baseUrl,
  total,
  concurrency = 32,
  pathFor,
  headersFor,
}: FloodOptions): Promise<FloodResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses: Record<number, number> = {};
  const started = Date.now();
  let next = 0;
  const one = (path: string, headers: Record<string, string> | undefined) =>
    new Promise<void>((resolve, reject) => {
      const call = request(
        { host: url.hostname, port: url.port, path, method: 'GET', agent, headers },
        (response) => {
          const status = response.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          response.resume();
          response.on('end', resolve);
          response.on('error', reject);
        },
      );
      call.on('error', reject);
      call.end();
    });
  const worker = async () => {
    while (next < total) {
      const index = next++;
      await one(pathFor(index), headersFor?.(index));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { statuses, elapsedMs: Date.now() - started };
}

/** Keys under `prefix` (SCAN, so a busy shared Redis is not blocked). */
export async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    count += keys.length;
    cursor = nextCursor;
  } while (cursor !== '0');
  return count;
}
