import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { call, serviceUrls, type ServiceName } from '../support/http';

/**
 * kong/kong.yml against what the services really serve: the OpenAPI document of every running
 * service (/docs-json) goes to scripts/ops/validate.py, which proves that each public operation
 * reaches its owning service through Kong's routes and that no internal path (/health, /metrics,
 * /docs) is routed at all. The matching is Kong's: prefix paths, `~` regex paths anchored at the
 * start, methods when a route names them.
 */

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** The Python with PyYAML that scripts/ops/validate.sh uses (its private virtualenv when it made one). */
function python(): string {
  const venv = join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
    'ecommerce-ops',
    'venv',
    'bin',
    'python',
  );
  return existsSync(venv) ? venv : 'python3';
}

describe('Kong routes against the OpenAPI documents of the running services', () => {
  const directory = mkdtempSync(join(tmpdir(), 'openapi-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('routes every public operation to its owner and no internal path', async () => {
    const fetched: string[] = [];
    const missing: string[] = [];
    for (const name of Object.keys(serviceUrls) as ServiceName[]) {
      const service = `${name}-service`;
      const answer = await call(name, 'GET', '/docs-json').catch(() => undefined);
      if (answer?.status !== 200) {
        missing.push(service);
        continue;
      }
      writeFileSync(join(directory, `${service}.json`), JSON.stringify(answer.body));
      fetched.push(service);
    }
    if (missing.length > 0) console.log(`not running, their routes are not checked: ${missing.join(', ')}`);
    expect(fetched).toEqual(
      expect.arrayContaining([
        'user-service',
        'product-service',
        'cart-service',
        'inventory-service',
        'search-service',
      ]),
    );

    const { stdout, stderr } = await run(python(), [
      join(ROOT, 'scripts', 'ops', 'validate.py'),
      'gateway-routes',
      directory,
    ]).catch((error: { stdout: string; stderr: string }) => error);
    expect(stderr.trim()).toBe('');
    expect(stdout).toMatch(new RegExp(`operations of ${fetched.length} OpenAPI documents checked`));
  });
});
