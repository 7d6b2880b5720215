import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

export type Outcome = 'ok' | 'shed' | 'error';

export interface Answer {
  outcome: Outcome;
  status: number;
}

const TIMEOUT_MS = 5_000;

/**
 * A keep-alive client for one server that never waits for an answer before sending the next
 * request (see open-load.ts): it opens up to `maxSockets` connections and queues beyond that, the
 * queueing being charged to the server since latency is measured from the schedule.
 */
export function httpGetter(baseUrl: string, maxSockets = 512): (path: string) => Promise<Answer> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (path) =>
    new Promise<Answer>((resolve) => {
      const outgoing = request(
        { agent, host: url.hostname, port: url.port, path, method: 'GET', timeout: TIMEOUT_MS },
        (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('end', () =>
            resolve({
              status,
              outcome: status < 300 ? 'ok' : status === 429 || status === 503 ? 'shed' : 'error',
            }),
          );
          response.on('error', () => resolve({ status, outcome: 'error' }));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
      outgoing.on('error', () => resolve({ status: 0, outcome: 'error' }));
      outgoing.end();
    });
}

const TICKS_PER_SECOND = 100;

/** CPU time (ms) a process has used so far, or undefined when it is not there (any more). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
