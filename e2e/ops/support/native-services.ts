import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SERVICE_SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'service.sh');

/**
 * Restarts natively running services (scripts/service.sh) with extra environment, e.g. an OTLP
 * endpoint, and waits until each is ready again. `undefined` removes a variable.
 */
export async function restartWith(
  services: string[],
  env: Record<string, string | undefined>,
): Promise<void> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  for (const service of services) await run('bash', [SERVICE_SCRIPT, 'start', service], { env: merged });
  for (const service of services)
    await run('bash', [SERVICE_SCRIPT, 'wait-ready', service], { env: merged, timeout: 180_000 });
}
