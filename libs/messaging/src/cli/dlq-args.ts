import { topicPrefixFromEnv } from '../topic-prefix';
import { replayerGroupFor, type ReplaySelection } from './dlq';
import type { ParkedSelection } from './parked-outbox';

/** Where the outbox lives: a PostgreSQL URL and, optionally, the schema of the service's tables. */
export interface OutboxLocation {
  databaseUrl: string;
  schema?: string;
}

export type DlqCommand =
  | { command: 'list'; topic: string; limit: number }
  | { command: 'inspect'; topic: string; partition: number; offset: string }
  | { command: 'replay'; topic: string; selection: ReplaySelection; replayerGroup: string }
  | ({ command: 'outbox-parked'; limit: number } & OutboxLocation)
  | ({ command: 'outbox-retry'; selection: ParkedSelection } & OutboxLocation);

export const DLQ_USAGE = `usage: npm run dlq -- <command>
  list    <topic>.dlq [--limit N]                        parked messages (default limit 100)
  inspect <topic>.dlq <partition> <offset>               one message: envelope and headers
  replay  <topic>.dlq --partition P --offset O           publish again to the original topic, for the group that parked it
  replay  <topic>.dlq --all [--group G]                  every parked message (of group G only)
  outbox-parked --database-url URL [--schema S] [--limit N]      outbox rows Kafka refused for good
  outbox-retry  --database-url URL [--schema S] --id N | --all   let the relay try them again
env: KAFKA_BROKERS (default 127.0.0.1:9092), DATABASE_URL (default of --database-url),
     KAFKA_TOPIC_PREFIX (the services' one: put before <topic> and G unless they start with it already)`;

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
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError(`${what} must be a whole number >= 0`);
  return value;
};

function checkOptions(command: string, options: Map<string, string | true>, known: string[]): void {
  for (const name of options.keys())
    if (!known.includes(name)) throw new UsageError(`unknown option --${name} for ${command}`);
}

function outboxLocation(options: Map<string, string | true>, env: NodeJS.ProcessEnv): OutboxLocation {
  const databaseUrl = options.get('database-url') ?? env.DATABASE_URL;
  if (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError('--database-url postgres://... (or DATABASE_URL) is required');
  const schema = options.get('schema');
  if (schema !== undefined && (typeof schema !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(schema)))
    throw new UsageError('--schema must be a plain schema name');
  return { databaseUrl, ...(schema === undefined ? {} : { schema }) };
}

function parseOutboxCommand(
  command: 'outbox-parked' | 'outbox-retry',
  rest: string[],
  env: NodeJS.ProcessEnv,
): DlqCommand {
  const { positional, options } = flags(rest);
  if (positional.length > 0) throw new UsageError(`${command} takes no positional arguments`);
  if (command === 'outbox-parked') {
    checkOptions(command, options, ['database-url', 'schema', 'limit']);
    const limit = options.has('limit') ? Number(nonNegative(options.get('limit'), '--limit')) : 100;
    if (limit < 1) throw new UsageError('--limit must be at least 1');
    return { command, limit, ...outboxLocation(options, env) };
  }
  checkOptions(command, options, ['database-url', 'schema', 'id', 'all']);
  const all = options.get('all') === true;
  if (all === options.has('id')) throw new UsageError('outbox-retry needs either --id N or --all');
  const selection: ParkedSelection = all ? { all: true } : { ids: [nonNegative(options.get('id'), '--id')] };
  return { command, selection, ...outboxLocation(options, env) };
}

/**
 * Names as the services' KAFKA_TOPIC_PREFIX makes them in Kafka. An operator types the contract's
 * names; one copied from a listing (already prefixed) is taken as it is.
 */
function kafkaNames(env: NodeJS.ProcessEnv): {
  bare: (name: string) => string;
  real: (name: string) => string;
} {
  let prefix: string;
  try {
    prefix = topicPrefixFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const bare = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  return { bare, real: (name) => `${prefix}${bare(name)}` };
}

/** Parses the arguments after `npm run dlq --`; throws UsageError with what is wrong. */
export function parseDlqArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DlqCommand {
  const [command, ...rest] = argv;
  if (command === 'outbox-parked' || command === 'outbox-retry')
    return parseOutboxCommand(command, rest, env);
  const { positional, options } = flags(rest);
  if (!command) throw new UsageError('no command given');
  if (!positional[0]) throw new UsageError(`${command} needs a topic`);
  const names = kafkaNames(env);
  const topic = names.real(positional[0]);
  // Replaying from a live topic would duplicate every event on it.
  if (!topic.endsWith('.dlq')) throw new UsageError(`${topic} is not a dead-letter topic (<topic>.dlq)`);
  checkOptions(
    command,
    options,
    command === 'list' ? ['limit'] : command === 'replay' ? ['partition', 'offset', 'all', 'group'] : [],
  );

  switch (command) {
    case 'list': {
      const limit = options.has('limit') ? Number(nonNegative(options.get('limit'), '--limit')) : 100;
      if (limit < 1) throw new UsageError('--limit must be at least 1');
      return { command, topic, limit };
    }
    case 'inspect':
      if (positional.length !== 3) throw new UsageError('inspect needs <topic>.dlq <partition> <offset>');
      return {
        command,
        topic,
        partition: Number(nonNegative(positional[1], 'partition')),
        offset: nonNegative(positional[2], 'offset'),
      };
    case 'replay': {
      const all = options.get('all') === true;
      const hasPosition = options.has('partition') || options.has('offset');
      if (all === hasPosition) throw new UsageError('replay needs either --partition P --offset O or --all');
      const group = options.get('group');
      if (group !== undefined && (!all || typeof group !== 'string'))
        throw new UsageError('--group G goes with --all');
      // The replayer's bookkeeping group is this environment's too, like the group it replays for.
      if (all)
        return group === undefined
          ? { command, topic, selection: { all: true }, replayerGroup: names.real(replayerGroupFor()) }
          : {
              command,
              topic,
              selection: { all: true, group: names.real(group) },
              replayerGroup: names.real(replayerGroupFor(names.bare(group))),
            };
      return {
        command,
        topic,
        replayerGroup: names.real(replayerGroupFor()),
        selection: {
          partition: Number(nonNegative(options.get('partition'), '--partition')),
          offset: nonNegative(options.get('offset'), '--offset'),
        },
      };
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}
