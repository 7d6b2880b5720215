import { randomUUID } from 'node:crypto';
import { assertValidEnvelope, type TypedEnvelope } from '@ecommerce/contracts';
import { withTopicPrefix, type MessagingLogger } from '@ecommerce/messaging';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { RevocationList } from './revocation-list';

export interface RevocationConsumerOptions {
  kafka: Kafka;
  list: RevocationList;
  logger: MessagingLogger;
  /** Names the consumer group: `<topicPrefix><serviceName>-auth-<random>`. */
  serviceName: string;
  /** The contract topic user-service's events go to (`user.events`). */
  topic: string;
  /** The deployment's `KAFKA_TOPIC_PREFIX`, put before the topic and the group. Default none. */
  topicPrefix?: string;
  /** How far back revocations still matter on start: the access-token lifetime plus the clock tolerance. */
  windowMs: number;
  /** Longest start-up waits to have read that window before it serves anyway (and keeps reading). */
  catchUpTimeoutMs?: number;
}

const HANDLED = new Set(['user.sessions-revoked', 'user.role-changed']);
const RETRY_START_MS = 5_000;
const PRUNE_EVERY_MS = 60_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Feeds the deny list from `user.events`. Every replica must see every revocation, so each one
 * reads the topic in a consumer group of its own (never sharing partitions with its siblings), and
 * commits nothing: on start it seeks by timestamp to the last `windowMs` (the tokens that can still
 * be alive) instead of replaying the topic from the beginning or trusting committed offsets, and
 * then follows new events as they come. Empty groups without offsets are removed by Kafka itself.
 */
export class RevocationConsumer {
  private consumer?: Consumer;
  private stopped = false;
  private pruneTimer?: NodeJS.Timeout;
  private readonly groupId: string;
  private readonly topic: string;
  private markCaughtUp!: () => void;
  /** Resolves once the window that was on the topic at start has been read. */
  readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(private readonly options: RevocationConsumerOptions) {
    const prefix = options.topicPrefix ?? '';
    this.groupId = withTopicPrefix(prefix, `${options.serviceName}-auth-${randomUUID().slice(0, 8)}`);
    this.topic = withTopicPrefix(prefix, options.topic);
  }

  /**
   * Starts reading and waits, bounded, until the recent window is in the deny list. When Kafka cannot
   * be reached at all the service starts anyway and the feed keeps retrying: refusing every request
   * while Kafka is away would turn a broker outage into an outage of every service.
   */
  async start(): Promise<void> {
    this.pruneTimer = setInterval(() => this.options.list.prune(), PRUNE_EVERY_MS).unref();
    let firstAttemptFailed!: () => void;
    const failed = new Promise<'failed'>((resolve) => (firstAttemptFailed = () => resolve('failed')));
    void this.runUntilStopped(firstAttemptFailed);
    const timeoutMs = this.options.catchUpTimeoutMs ?? 15_000;
    const outcome = await Promise.race([
      this.caughtUp.then(() => 'caught-up' as const),
      failed,
      delay(timeoutMs).then(() => 'timed-out' as const),
    ]);
    if (outcome !== 'caught-up') {
      this.options.logger.error(
        { groupId: this.groupId, topic: this.topic, outcome },
        'token revocations of the last access-token lifetime are not read yet; serving while the feed catches up',
      );
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruneTimer);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  // kafkajs reconnects a running consumer by itself; only the first connection is retried here.
  private async runUntilStopped(firstAttemptFailed: () => void): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connectAndRun();
        return;
      } catch (error) {
        firstAttemptFailed();
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
        if (this.stopped) return;
        this.options.logger.warn(
          { err: error, groupId: this.groupId },
          'token revocation consumer could not start; retrying',
        );
        await delay(RETRY_START_MS);
      }
    }
  }

  private async connectAndRun(): Promise<void> {
    const { kafka, windowMs } = this.options;
    const topic = this.topic;
    const admin = kafka.admin();
    await admin.connect();
    let starts: { partition: number; offset: string }[];
    let ends: { partition: number; high: string }[];
    try {
      starts = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - windowMs);
      ends = await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect();
    }
    // Partitions with something left to read before the window is complete: partition -> last offset.
    const pending = new Map<number, bigint>();
    for (const end of ends) {
      const start = starts.find((s) => s.partition === end.partition);
      if (start && BigInt(start.offset) < BigInt(end.high)) pending.set(end.partition, BigInt(end.high) - 1n);
    }
    if (pending.size === 0) this.markCaughtUp();

    const consumer = kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        this.apply(message);
        const last = pending.get(partition);
        if (last !== undefined && BigInt(message.offset) >= last) {
          pending.delete(partition);
          if (pending.size === 0) this.markCaughtUp();
        }
        return Promise.resolve();
      },
    });
    for (const start of starts) consumer.seek({ topic, partition: start.partition, offset: start.offset });
  }

  /** Never throws: a message that is not a valid revocation must not stop the ones after it. */
  private apply(message: KafkaMessage): void {
    const typeHeader = message.headers?.type?.toString();
    if (typeHeader !== undefined && !HANDLED.has(typeHeader)) return;
    try {
      const envelope: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
      const type = (envelope as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !HANDLED.has(type)) return;
      assertValidEnvelope(envelope);
      if (type === 'user.sessions-revoked') {
        const { data } = envelope as TypedEnvelope<'user.sessions-revoked'>;
        this.options.list.revokeSessions(data.userId, Date.parse(data.revokedBefore));
      } else {
        const { data, occurredAt } = envelope as TypedEnvelope<'user.role-changed'>;
        this.options.list.changeRoles(data.userId, data.roles, Date.parse(occurredAt));
      }
    } catch (error) {
      this.options.logger.error(
        { err: error, offset: message.offset },
        'ignored a malformed token revocation event',
      );
    }
  }
}
