import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestConnection } from './database';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

function binaries(): string {
  if (!existsSync(PG_ROOT))
    throw new Error(`no PostgreSQL binaries under ${PG_ROOT} (the Debian postgresql package)`);
  const versions = readdirSync(PG_ROOT).sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no PostgreSQL version under ${PG_ROOT}`);
  return join(PG_ROOT, newest, 'bin');
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

/**
 * A PostgreSQL cluster of its own, in a temporary directory on a free port, that a test may stop and
 * start at will without touching the shared server. Runs as the `postgres` user when the tests run as
 * root (PostgreSQL refuses to run as root). Trust authentication on 127.0.0.1 only.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly dir: string,
    private readonly bin: string,
    private readonly asPostgres: boolean,
    readonly port: number,
  ) {}

  static async start(): Promise<ThrowawayPostgres> {
    const bin = binaries();
    const asPostgres = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'msgtest-pg-'));
    if (asPostgres) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const cluster = new ThrowawayPostgres(dir, bin, asPostgres, await freePort());
    await cluster.exec('initdb', [
      '-D',
      cluster.dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    writeFileSync(
      join(cluster.dataDir, 'postgresql.auto.conf'),
      [
        `port = ${cluster.port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'max_connections = 50',
        '',
      ].join('\n'),
    );
    await cluster.startServer();
    await cluster.exec('psql', [
      '-X',
      '-q',
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'postgres',
      '-c',
      'CREATE DATABASE messaging_test',
    ]);
    return cluster;
  }

  get connection(): TestConnection {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      password: 'unused',
      database: 'messaging_test',
    };
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** Starts the server and waits until it accepts connections. */
  async startServer(): Promise<void> {
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Fast shutdown, as an orchestrator's restart does: sessions are terminated (57P01), new ones refused. */
  async stopServer(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stopServer().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    if (this.asPostgres) await run('runuser', ['-u', 'postgres', '--', path, ...args], { cwd: this.dir });
    else await run(path, args, { cwd: this.dir });
  }
}
