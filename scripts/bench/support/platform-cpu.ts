import { readdirSync, readFileSync } from 'node:fs';

/** A service's process, counted under its own name (`order-service`), so a profile knows where to look. */
const SERVICE_PROCESS = /dist\/services\/([a-z-]+-service)\/src\/main\.js/;

/** The platform's other processes on this machine, recognised by their command line. */
const PLATFORM_PROCESSES: [string, RegExp][] = [
  ['postgres', /^postgres|\/postgres\b/],
  ['kafka', /kafka\.Kafka/],
  ['elasticsearch', /org\.elasticsearch\.bootstrap/],
  ['redis', /redis-server/],
  ['prometheus', /\bprometheus\b/],
];

const TICKS_PER_SECOND = 100;

/** CPU time (ms) used so far by each group of platform processes, read from /proc. */
export function platformCpuMs(): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(PLATFORM_PROCESSES.map(([group]) => [group, 0]));
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const group =
        SERVICE_PROCESS.exec(cmdline)?.[1] ??
        PLATFORM_PROCESSES.find(([, pattern]) => pattern.test(cmdline))?.[0];
      if (!group) continue;
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      totals[group] = (totals[group] ?? 0) + (ticks * 1_000) / TICKS_PER_SECOND;
    } catch {
      // the process ended while we read it
    }
  }
  return totals;
}

export function cpuDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((group) => [group, after[group] - (before[group] ?? 0)]));
}
