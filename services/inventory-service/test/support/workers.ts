import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkerJob, WorkerResult } from './reserve-worker';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const WORKER = join(__dirname, 'reserve-worker.ts');

interface Worker {
  child: ChildProcessWithoutNullStreams;
  next: () => Promise<string>;
  stderr: string[];
}

function startWorker(job: WorkerJob, poolSize: number): Worker {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'run.mjs'), WORKER], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_NAME: 'inventory_test',
      DATABASE_USER: 'inventory',
      DATABASE_PASSWORD: 'inventory',
      DATABASE_POOL_SIZE: String(poolSize),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  child.stdin.write(`${JSON.stringify(job)}\n`);
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`worker ${child.pid} ended early: ${stderr.join('')}`);
    return line.value as string;
  };
  return { child, next, stderr };
}

/**
 * Runs each job in its own Node process against inventory_test. All processes connect first, then
 * start together, so their transactions really race. Resolves with each worker's results.
 */
export async function runWorkers(jobs: WorkerJob[], poolSize = 8): Promise<WorkerResult[]> {
  const workers = jobs.map((job) => startWorker(job, poolSize));
  try {
    await Promise.all(
      workers.map(async (worker) => expect(JSON.parse(await worker.next())).toEqual({ ready: true })),
    );
    for (const worker of workers) worker.child.stdin.write('go\n');
    return await Promise.all(workers.map(async (worker) => JSON.parse(await worker.next()) as WorkerResult));
  } finally {
    for (const worker of workers) {
      worker.child.stdin.end();
      if (worker.child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            worker.child.kill('SIGKILL');
            resolve();
          }, 10_000);
          worker.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  }
}
