import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SERVICE_SCRIPT = join(__dirname, '..', '..', 'scripts', 'service.sh');

/** Runs scripts/service.sh, the same script `npm run start:native` starts the services with. */
async function service(
  command: 'start' | 'kill' | 'wait-ready',
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  await run('bash', [SERVICE_SCRIPT, command, name], { env, timeout: 180_000 });
}

/** SIGKILL, as a crash or an OOM kill would: no graceful shutdown, nothing flushed. */
export const killService = (name: string) => service('kill', name);

/**
 * Restarts natively running services with extra environment (e.g. an OTLP endpoint; `undefined`
 * removes a variable) and waits until each is ready again.
 */
export async function restartServices(
  names: string[],
  env: Record<string, string | undefined> = {},
): Promise<void> {
  // Jest runs with NODE_ENV=test; a restarted service must run as start-native started it.
  const { NODE_ENV: _testRunner, ...inherited } = process.env;
  const merged: NodeJS.ProcessEnv = { ...inherited, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  for (const name of names) await service('start', name, merged);
  for (const name of names) await service('wait-ready', name, merged);
}
