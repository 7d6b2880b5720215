#!/usr/bin/env node
// Prints how much CPU each running service uses, measured from /proc over a window (10 s by
// default). Run it while nothing is sent to the services to see what they cost when idle.
//
//   node scripts/ops/idle-cpu.mjs                 every process running services/<name>/src/main
//   node scripts/ops/idle-cpu.mjs --seconds 30    a longer window evens out timers of several seconds
//   node scripts/ops/idle-cpu.mjs --match /tmp/x  only processes whose command line or cwd has "/tmp/x"
//
// CPU % is of one core: 100 % means one core fully busy. Linux only (reads /proc).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function parseArgs(argv) {
  const options = { seconds: 10, match: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--seconds' && value !== undefined) {
      options.seconds = Number(value);
      i += 1;
    } else if (arg === '--match' && value !== undefined) {
      options.match = value;
      i += 1;
    } else {
      throw new Error(`unknown argument ${arg}; usage: idle-cpu.mjs [--seconds N] [--match TEXT]`);
    }
  }
  if (!Number.isFinite(options.seconds) || options.seconds <= 0)
    throw new Error('--seconds must be a positive number');
  return options;
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const readText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended, or belongs to someone we may not look at
  }
};

const SERVICE_IN_COMMAND = /services\/([a-z0-9-]+)\/src\/main\.(?:js|ts)/;

/** Node processes running a service's main file: pid, service name, port and where it runs from. */
function serviceProcesses(match) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const command = readText(`/proc/${entry}/cmdline`)?.split('\0').join(' ').trim();
    const service = command && SERVICE_IN_COMMAND.exec(command)?.[1];
    if (!service) continue;
    let cwd = '?';
    try {
      cwd = readlinkSync(`/proc/${entry}/cwd`);
    } catch {
      // Not ours to look at; the command line is enough to name it.
    }
    if (match !== undefined && !command.includes(match) && !cwd.includes(match)) continue;
    const port = readText(`/proc/${entry}/environ`)
      ?.split('\0')
      .find((variable) => variable.startsWith('PORT='))
      ?.slice('PORT='.length);
    found.push({ pid: Number(entry), service, port: port ?? '?', cwd });
  }
  return found.sort((a, b) => a.service.localeCompare(b.service) || a.pid - b.pid);
}

/** User + system CPU time of a process, in clock ticks, and its resident memory in MiB. */
function cpuTicks(pid) {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { ticks: utime + stime, rssMiB: (rssPages * 4096) / 1024 / 1024 };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const processes = serviceProcesses(options.match);
  if (processes.length === 0) {
    console.log('no running service found (looked for node processes running services/<name>/src/main.js)');
    return;
  }
  const before = new Map(processes.map((p) => [p.pid, cpuTicks(p.pid)]));
  const startedAt = process.hrtime.bigint();
  await sleep(options.seconds * 1_000);
  const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

  console.log(`CPU over ${elapsedSeconds.toFixed(1)} s, % of one core (${clockTicks} ticks/s)`);
  console.log(
    [
      'SERVICE'.padEnd(22),
      'PID'.padStart(7),
      'PORT'.padStart(6),
      'CPU %'.padStart(7),
      'RSS MiB'.padStart(8),
      '  CWD',
    ].join(' '),
  );
  let total = 0;
  for (const p of processes) {
    const start = before.get(p.pid);
    const end = cpuTicks(p.pid);
    if (!start || !end) {
      console.log(`${p.service.padEnd(22)} ${String(p.pid).padStart(7)} ended during the measurement`);
      continue;
    }
    const percent = ((end.ticks - start.ticks) / clockTicks / elapsedSeconds) * 100;
    total += percent;
    console.log(
      [
        p.service.padEnd(22),
        String(p.pid).padStart(7),
        p.port.padStart(6),
        percent.toFixed(2).padStart(7),
        end.rssMiB.toFixed(0).padStart(8),
        `  ${p.cwd}`,
      ].join(' '),
    );
  }
  console.log(`total ${total.toFixed(2)} % of one core for ${processes.length} process(es)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
