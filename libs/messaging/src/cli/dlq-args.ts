import type { ReplaySelection } from './dlq';

export type DlqCommand =
  | { command: 'list'; topic: string; limit: number }
  | { command: 'inspect'; topic: string; partition: number; offset: string }
  | { command: 'replay'; topic: string; selection: ReplaySelection };

export const DLQ_USAGE = `usage: npm run dlq -- <command>
  list    <topic>.dlq [--limit N]                        parked messages (default limit 100)
  inspect <topic>.dlq <partition> <offset>               one message: envelope and headers
  replay  <topic>.dlq --partition P --offset O | --all   publish again to the original topic
env: KAFKA_BROKERS (default 127.0.0.1:9092)`;

export class UsageError extends Error {}

function flags(args: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'all') options.set(name, true);
    else if (inline !== undefined) options.set(name, inline);
    else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
      i += 1;
    }
  }
  return { positional, options };
}

const nonNegative = (value: string | true | undefined, what: string): string => {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`${what} must be a whole number >= 0`);
  return value;
};

/** Parses the arguments after `npm run dlq --`; throws UsageError with what is wrong. */
export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  const [command, ...rest] = argv;
  const { positional, options } = flags(rest);
  const topic = positional[0];
  if (!command) throw new UsageError('no command given');
  if (!topic) throw new UsageError(`${command} needs a topic`);
  // Replaying from a live topic would duplicate every event on it.
  if (!topic.endsWith('.dlq')) throw new UsageError(`${topic} is not a dead-letter topic (<topic>.dlq)`);
  const known = new Set(command === 'list' ? ['limit'] : command === 'replay' ? ['partition', 'offset', 'all'] : []);
  for (const name of options.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name} for ${command}`);

  switch (command) {
    case 'list': {
      const limit = options.has('limit') ? Number(nonNegative(options.get('limit'), '--limit')) : 100;
      if (limit < 1) throw new UsageError('--limit must be at least 1');
      return { command, topic, limit };
    }
    case 'inspect':
      if (positional.length !== 3) throw new UsageError('inspect needs <topic>.dlq <partition> <offset>');
      return { command, topic, partition: Number(nonNegative(positional[1], 'partition')), offset: nonNegative(positional[2], 'offset') };
    case 'replay': {
      const all = options.get('all') === true;
      const hasPosition = options.has('partition') || options.has('offset');
      if (all === hasPosition) throw new UsageError('replay needs either --partition P --offset O or --all');
      if (all) return { command, topic, selection: { all: true } };
      return {
        command,
        topic,
        selection: { partition: Number(nonNegative(options.get('partition'), '--partition')), offset: nonNegative(options.get('offset'), '--offset') },
      };
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}
