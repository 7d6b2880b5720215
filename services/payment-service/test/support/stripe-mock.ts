import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Pinned: the version the Go module proxy served when this suite was written. */
export const STRIPE_MOCK_VERSION = 'v0.203.0';
const MODULE = `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`;

export type StripeMockBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Builds stripe-mock through the Go module proxy into a folder of its own version under GOPATH/bin,
 * once; later runs find the binary there. Synchronous, because Jest decides at load time whether a
 * suite runs.
 */
export function ensureStripeMock(): StripeMockBinary {
  const gopath = process.env.GOPATH || join(homedir(), 'go');
  const bin = join(gopath, 'bin', `stripe-mock-${STRIPE_MOCK_VERSION}`);
  const path = join(bin, 'stripe-mock');
  if (existsSync(path)) return { ok: true, path };
  const go = spawnSync('go', ['install', MODULE], {
    env: { ...process.env, GOPATH: gopath, GOBIN: bin, GOFLAGS: '-mod=mod' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (go.error) return { ok: false, reason: `cannot run go (${go.error.message})` };
  if (go.status !== 0 || !existsSync(path))
    return {
      ok: false,
      reason: `go install ${MODULE} failed: ${(go.stderr || go.stdout).trim().slice(-500)}`,
    };
  return { ok: true, path };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningStripeMock {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts stripe-mock on a free local port and waits until it answers. */
export async function startStripeMock(binary: string): Promise<RunningStripeMock> {
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['-http-addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/v1/balance`, {
        headers: { authorization: 'Bearer sk_test_123' },
      });
      if (response.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('stripe-mock did not answer within 20 s');
}
