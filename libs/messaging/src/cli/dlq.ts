import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type KafkaMessage } from 'kafkajs';
import { REPLAY_GROUP_HEADER, withoutDlqHeaders } from '../consumer/dlq-headers';
import { headersAsText, headerText } from '../kafka-headers';
import {
  formatReplayMetadata,
  isReplayed,
  markHandledThrough,
  markReplayed,
  parseReplayState,
  type ReplayState,
} from './replay-state';
import { readTopicToEnd } from './topic-reader';

/** The consumer group whose committed offsets record what has been replayed. */
export const DLQ_REPLAYER_GROUP = 'dlq-replayer';

/** One parked message, as an operator sees it. */
export interface DlqEntry {
  partition: number;
  offset: string;
  key: string | null;
  type?: string;
  eventId?: string;
  error?: string;
  attempts?: number;
  failedAt?: string;
  originalTopic: string;
  consumerGroup?: string;
  headers: Record<string, string>;
  /** The parsed value, or the raw text when it is not JSON (a poison message). */
  value: unknown;
}

export interface ReplayedMessage {
  partition: number;
  offset: string;
  to: string;
  key: string | null;
  eventId?: string;
}

export interface ReplayReport {
  replayed: ReplayedMessage[];
  skipped: Array<{ partition: number; offset: string; reason: string }>;
}

/** `group` (with `all`) replays only the dead letters of that consumer group. */
export type ReplaySelection = { all: true; group?: string } | { partition: number; offset: string };

/** The replayer's bookkeeping group: one per consumer group for `--all --group`, so each group's replays are tracked apart. */
export const replayerGroupFor = (consumerGroup?: string): string =>
  consumerGroup === undefined ? DLQ_REPLAYER_GROUP : `${DLQ_REPLAYER_GROUP}.${consumerGroup}`;

const originalTopicOf = (dlq: string, message: KafkaMessage): string =>
  headerText(message.headers, 'x-dlq-original-topic') ?? dlq.replace(/\.dlq$/, '');

export function toDlqEntry(dlq: string, partition: number, message: KafkaMessage): DlqEntry {
  const text = message.value?.toString('utf8') ?? null;
  let value: unknown = text;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    // Not JSON: show it as it is.
  }
  const envelope = (typeof value === 'object' && value !== null ? value : {}) as {
    id?: unknown;
    type?: unknown;
  };
  const attempts = headerText(message.headers, 'x-dlq-attempts');
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    type: typeof envelope.type === 'string' ? envelope.type : headerText(message.headers, 'type'),
    eventId: typeof envelope.id === 'string' ? envelope.id : undefined,
    error: headerText(message.headers, 'x-dlq-error'),
    attempts: attempts === undefined ? undefined : Number(attempts),
    failedAt: headerText(message.headers, 'x-dlq-failed-at'),
    originalTopic: originalTopicOf(dlq, message),
    consumerGroup: headerText(message.headers, 'x-dlq-consumer-group'),
    headers: headersAsText(message.headers),
    value,
  };
}

// list and inspect must not move the replayer's offsets: they read with a group of their own, deleted after.
async function browse(
  kafka: Kafka,
  dlq: string,
  onMessage: (partition: number, message: KafkaMessage) => 'continue' | 'stop',
  partitions?: number[],
): Promise<void> {
  const groupId = `dlq-browser-${randomUUID()}`;
  try {
    await readTopicToEnd({ kafka, topic: dlq, groupId, partitions, onMessage });
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** The first `limit` parked messages, oldest first per partition. */
export async function listDlq(kafka: Kafka, dlq: string, limit = 100): Promise<DlqEntry[]> {
  const entries: DlqEntry[] = [];
  await browse(kafka, dlq, (partition, message) => {
    entries.push(toDlqEntry(dlq, partition, message));
    return entries.length >= limit ? 'stop' : 'continue';
  });
  return entries.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** One parked message with all its headers, or undefined when there is none at that position. */
export async function inspectDlq(
  kafka: Kafka,
  dlq: string,
  partition: number,
  offset: string,
): Promise<DlqEntry | undefined> {
  let found: DlqEntry | undefined;
  await browse(
    kafka,
    dlq,
    (_, message) => {
      if (message.offset !== offset) return 'continue';
      found = toDlqEntry(dlq, partition, message);
      return 'stop';
    },
    [partition],
  );
  return found;
}

async function replayStates(
  kafka: Kafka,
  dlq: string,
  groupId: string,
): Promise<{ states: Map<number, ReplayState>; highs: Map<number, bigint> }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const watermarks = await admin.fetchTopicOffsets(dlq);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq] });
    const states = new Map<number, ReplayState>();
    const highs = new Map<number, bigint>();
    for (const { partition, low, high } of watermarks) {
      const position = committed?.partitions.find((p) => p.partition === partition);
      states.set(
        partition,
        parseReplayState(position?.offset ?? '-1', position?.metadata ?? null, BigInt(low)),
      );
      highs.set(partition, BigInt(high));
    }
    return { states, highs };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Publishes parked messages again to the topic they came from, with their key, value and headers
 * minus the x-dlq-* ones, plus `x-replay-group` naming the consumer group that parked it: every
 * other group on the topic skips the replay, since it applied (or parked) the original already.
 * Records what it replayed in the replayer group's offsets so none is replayed twice (`groupId` is
 * for tests). A crash between a publish and its commit replays that message again on the next run
 * (consumers dedupe by event id).
 */
export async function replayDlq(
  kafka: Kafka,
  dlq: string,
  selection: ReplaySelection,
  groupId = replayerGroupFor('all' in selection ? selection.group : undefined),
): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: [], skipped: [] };
  const { states, highs } = await replayStates(kafka, dlq, groupId);
  const single =
    'partition' in selection
      ? { partition: selection.partition, offset: BigInt(selection.offset) }
      : undefined;
  if (single) {
    const state = states.get(single.partition);
    const high = highs.get(single.partition);
    if (!state || high === undefined || single.offset >= high || single.offset < 0n) {
      report.skipped.push({
        partition: single.partition,
        offset: single.offset.toString(),
        reason: 'no such message',
      });
      return report;
    }
    if (isReplayed(state, single.offset)) {
      report.skipped.push({
        partition: single.partition,
        offset: single.offset.toString(),
        reason: 'already replayed',
      });
      return report;
    }
  }

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await readTopicToEnd({
      kafka,
      topic: dlq,
      groupId,
      partitions: single ? [single.partition] : undefined,
      startOffsets: new Map([...states].map(([partition, state]) => [partition, state.next])),
      onMessage: async (partition, message) => {
        const offset = BigInt(message.offset);
        const state = states.get(partition) ?? { next: 0n, replayed: new Set<bigint>() };
        if (single && offset !== single.offset) return 'continue';
        if (isReplayed(state, offset)) {
          report.skipped.push({ partition, offset: message.offset, reason: 'already replayed' });
          return 'continue';
        }
        const parkedBy = headerText(message.headers, 'x-dlq-consumer-group');
        // Another group's dead letter: left alone, and not counted as handled by this group's bookkeeping.
        if ('all' in selection && selection.group !== undefined && parkedBy !== selection.group)
          return 'continue';
        const to = originalTopicOf(dlq, message);
        const headers = {
          ...withoutDlqHeaders(message.headers),
          ...(parkedBy === undefined ? {} : { [REPLAY_GROUP_HEADER]: parkedBy }),
        };
        await producer.send({
          topic: to,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        states.set(partition, markReplayed(state, offset));
        report.replayed.push({
          partition,
          offset: message.offset,
          to,
          key: message.key?.toString('utf8') ?? null,
          eventId: toDlqEntry(dlq, partition, message).eventId,
        });
        return single ? 'stop' : 'continue';
      },
      afterBatch: async (consumer, partition, lastOffset) => {
        const current = states.get(partition);
        if (!current) return;
        // --all handled every message up to lastOffset; a single replay only the one it published.
        const state = single ? current : markHandledThrough(current, BigInt(lastOffset));
        states.set(partition, state);
        await consumer.commitOffsets([
          { topic: dlq, partition, offset: state.next.toString(), metadata: formatReplayMetadata(state) },
        ]);
      },
    });
  } finally {
    await producer.disconnect();
  }
  return report;
}
