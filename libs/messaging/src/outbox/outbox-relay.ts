import { context } from '@opentelemetry/api';
import type { Database } from '@ecommerce/database';
import { Partitioners, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { Client, type ClientConfig } from 'pg';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { consoleJsonLogger, type MessagingLogger } from '../logger';
import { outboxBacklog, outboxParked, publishedTotal, publishFailuresTotal } from '../metrics';
import { Wakeup } from '../timers';
import { withTopicPrefix } from '../topic-prefix';
import { untracedContext } from '../tracing';
import { refusedForGood } from './kafka-refusal';
import { outboxStore, type PendingRow } from './outbox-store';
import { relayConnectionConfig } from './relay-connection';

/** A batch Kafka has acknowledged but the relay has not yet marked as published. */
export interface PublishedBatch {
  ids: string[];
  eventIds: string[];
}

export interface OutboxRelayOptions {
  database: Database;
  kafka: Kafka;
  logger?: MessagingLogger;
  /**
   * Put before each row's topic when it is published (`KAFKA_TOPIC_PREFIX`). Rows keep the contract's
   * topic, so what is written never depends on where it will be published. Default none.
   */
  topicPrefix?: string;
  /** Shown as the relay connection's application_name in pg_stat_activity. Default `outbox-relay`. */
  name?: string;
  /** Rows per Kafka request. Default 500. */
  batchSize?: number;
  /**
   * Poll when no NOTIFY arrives. A NOTIFY wakes the relay at once on every commit, and the relay
   * reads everything unpublished after (re)connecting, so this is only a safety net. Default 10 s.
   */
  pollIntervalMs?: number;
  /** How often a standby replica tries to take the lead. Default 2 s. */
  standbyRetryMs?: number;
  /** Published rows are kept this long (for inspection), then deleted. Default 24 h. */
  retentionMs?: number;
  /** Inbox rows are kept this long; longer than any redelivery can come. Default 14 days. */
  inboxRetentionMs?: number;
  /** Default 10 min. */
  purgeIntervalMs?: number;
  /** Wait after a failed iteration (Kafka or database down). Default 200 ms doubling up to 30 s. */
  backoff?: BackoffPolicy;
  /** Overrides the connection settings taken from `database`. */
  connection?: ClientConfig;
  /**
   * Runs after Kafka acknowledged a batch and before the rows are marked. For tests that simulate a
   * crash in the one window where a batch is published twice.
   */
  afterPublish?: (batch: PublishedBatch) => Promise<void> | void;
}

const BACKLOG_REFRESH_MS = 10_000;

/** Kafka is unreachable or refused the batch: retry with backoff, keep the database connection and the lead. */
class KafkaPublishError extends Error {
  constructor(cause: unknown) {
    super(`Kafka did not acknowledge the batch: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'KafkaPublishError';
  }
}

/** Rows grouped by the topic they go to in Kafka: the row's contract topic after `topicPrefix`. */
export function toTopicMessages(rows: readonly PendingRow[], topicPrefix: string): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const topic = withTopicPrefix(topicPrefix, row.topic);
    const messages = byTopic.get(topic) ?? [];
    messages.push({ key: row.key, value: row.value, headers: row.headers });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Publishes committed outbox rows to Kafka, in id order, and marks them published.
 *
 * One relay per database publishes at a time: the leader holds a PostgreSQL advisory lock on its own
 * connection; other replicas stand by and take over when that connection ends. That keeps the per-key
 * order even with several replicas. A crash between the Kafka ack and the UPDATE publishes that batch
 * again (at-least-once; consumers dedupe by event id); a row is never skipped.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly retentionMs: number;
  private readonly inboxRetentionMs: number;
  private readonly purgeIntervalMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly logger: MessagingLogger;
  private readonly name: string;
  private readonly topicPrefix: string;
  private readonly wakeup = new Wakeup();
  private running = false;
  private loop?: Promise<void>;
  private stopping?: Promise<void>;
  private client?: Client;
  private producer?: Producer;
  private producerConnected = false;
  private leader = false;
  private nextPurgeAt = 0;
  private backlogRefreshedAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 2_000;
    this.retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1_000;
    this.inboxRetentionMs = options.inboxRetentionMs ?? 14 * 24 * 60 * 60 * 1_000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 10 * 60 * 1_000;
    this.backoff = options.backoff ?? { initialMs: 200, maxMs: 30_000 };
    this.name = options.name ?? 'outbox-relay';
    this.topicPrefix = options.topicPrefix ?? '';
    this.logger = options.logger ?? consoleJsonLogger({ component: this.name });
  }

  /** Whether this replica currently holds the lead (and so is the one publishing). */
  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts the loop in the background; connection problems are retried, never thrown. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = context.with(untracedContext(), () => this.run());
  }

  /** Lets the batch in flight finish (published and marked), then releases the lead and disconnects. */
  stop(): Promise<void> {
    if (this.running) {
      this.running = false;
      this.wakeup.wake();
      this.stopping = (async () => {
        await this.loop;
        this.loop = undefined;
        await this.closeConnection();
        await this.dropProducer();
      })();
    }
    // A second caller (the Nest hook after a manual stop) waits for the same shutdown.
    return this.stopping ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.lead())) {
          await this.wakeup.wait(this.standbyRetryMs);
          continue;
        }
        const published = await this.publishBatch();
        failures = 0;
        await this.housekeeping();
        // A full batch means more rows are probably waiting: go again at once.
        if (published < this.batchSize) await this.wakeup.wait(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, failures, leader: this.leader }, 'outbox relay iteration failed');
        // A Kafka failure gets a fresh producer (and so a fresh idempotence sequence); anything else is
        // treated as a broken database connection, whose lock the next iteration must take again.
        if (error instanceof KafkaPublishError) await this.dropProducer();
        else await this.closeConnection();
        if (this.running) await this.wakeup.wait(backoffDelay(failures, this.backoff));
      }
    }
  }

  /** Opens the relay's connection if needed and tries to take the lead. */
  private async lead(): Promise<boolean> {
    if (!this.client) {
      const config =
        this.options.connection ?? relayConnectionConfig(this.options.database.dataSource.options, this.name);
      const client = new Client(config);
      // A dropped connection also drops the lock: stop publishing until it is taken again.
      const lost = (reason: string) => () => {
        if (this.client !== client) return;
        this.logger.warn({ reason }, 'outbox relay lost its database connection');
        this.client = undefined;
        this.leader = false;
        client.end().catch(() => undefined);
      };
      client.on('error', lost('error'));
      client.on('end', lost('end'));
      client.on('notification', () => this.wakeup.wake());
      this.client = client;
      await client.connect();
      await client.query('LISTEN outbox');
    }
    if (!this.leader) {
      this.leader = await outboxStore.tryLock(this.client);
      if (this.leader) this.logger.info({ name: this.name }, 'outbox relay took the lead');
    }
    return this.leader;
  }

  private async publishBatch(): Promise<number> {
    const client = this.connection();
    const rows = await outboxStore.pending(client, this.batchSize);
    if (rows.length === 0) return 0;
    const topicMessages = toTopicMessages(rows, this.topicPrefix);
    try {
      const producer = await this.connectedProducer();
      // acks -1 (all in-sync replicas) and the idempotent producer with one request in flight: a
      // retried request cannot reorder or duplicate messages of one partition.
      await producer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      publishFailuresTotal.inc();
      if (refusedForGood(error) === undefined) throw new KafkaPublishError(error);
      // Some row of the batch can never be published (too large, unknown topic), or the batch as a
      // whole is too large: find out row by row, park the culprits, publish the rest.
      this.logger.warn(
        { err: error, rows: rows.length },
        'Kafka refused an outbox batch; publishing it row by row',
      );
      await this.dropProducer();
      return this.publishRowByRow(rows);
    }
    for (const { topic, messages } of topicMessages) publishedTotal.inc({ topic }, messages.length);
    const ids = rows.map((row) => row.id);
    await this.options.afterPublish?.({ ids, eventIds: rows.map((row) => row.eventId) });
    // If we die before this UPDATE the next leader publishes the batch again: duplicates, never a loss.
    await outboxStore.markPublished(this.connection(), ids);
    return rows.length;
  }

  /**
   * Sends rows one at a time, in id order. A row Kafka refuses for good is parked, and the later rows
   * of its topic and key are left unpublished behind it (the next `pending` read leaves them out);
   * other keys go on. A transient failure ends the pass: what was published so far is marked first.
   */
  private async publishRowByRow(rows: readonly PendingRow[]): Promise<number> {
    const blocked = new Set<string>();
    const missingTopics = new Map<string, string>();
    const published: PendingRow[] = [];
    const markPublished = async () => {
      if (published.length === 0) return;
      await this.options.afterPublish?.({
        ids: published.map((row) => row.id),
        eventIds: published.map((row) => row.eventId),
      });
      await outboxStore.markPublished(
        this.connection(),
        published.map((row) => row.id),
      );
    };
    for (const row of rows) {
      const key = `${row.topic} ${row.key}`;
      if (blocked.has(key)) continue;
      // A topic found missing in this pass is not asked about again for each of its rows.
      const knownRefusal = missingTopics.get(row.topic);
      if (knownRefusal !== undefined) {
        await this.park(row, knownRefusal);
        blocked.add(key);
        continue;
      }
      try {
        const producer = await this.connectedProducer();
        const topic = withTopicPrefix(this.topicPrefix, row.topic);
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: row.key, value: row.value, headers: row.headers }],
        });
        publishedTotal.inc({ topic });
        published.push(row);
      } catch (error) {
        const refusal = refusedForGood(error);
        if (refusal === undefined) {
          await markPublished();
          throw new KafkaPublishError(error);
        }
        if (refusal.unknownTopic) missingTopics.set(row.topic, refusal.reason);
        await this.park(row, refusal.reason);
        blocked.add(key);
        // A fresh producer: no idempotence sequence of a refused request is left behind.
        await this.dropProducer();
      }
    }
    await markPublished();
    return rows.length;
  }

  private async park(row: PendingRow, reason: string): Promise<void> {
    await outboxStore.park(this.connection(), row.id, reason);
    this.logger.error(
      { id: row.id, eventId: row.eventId, topic: row.topic, key: row.key, reason },
      'outbox row parked: Kafka refuses it for good',
    );
    this.backlogRefreshedAt = 0;
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.backlogRefreshedAt >= BACKLOG_REFRESH_MS) {
      outboxBacklog.set(await outboxStore.backlog(this.connection()));
      outboxParked.set(await outboxStore.parkedCount(this.connection()));
      this.backlogRefreshedAt = now;
    }
    if (now >= this.nextPurgeAt) {
      this.nextPurgeAt = now + this.purgeIntervalMs;
      const outbox = await outboxStore.purgePublished(this.connection(), this.retentionMs);
      const inbox = await outboxStore.purgeInbox(this.connection(), this.inboxRetentionMs);
      if (outbox + inbox > 0) this.logger.info({ outbox, inbox }, 'purged old outbox and inbox rows');
    }
  }

  private connection(): Client {
    if (!this.client) throw new Error('outbox relay has no database connection');
    return this.client;
  }

  private async connectedProducer(): Promise<Producer> {
    this.producer ??= this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    return this.producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.producerConnected = false;
    await producer?.disconnect().catch(() => undefined);
  }

  private async closeConnection(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    const wasLeader = this.leader;
    this.leader = false;
    if (!client) return;
    try {
      if (wasLeader) await outboxStore.unlock(client);
    } catch {
      // The connection is gone already, and its lock with it.
    }
    await client.end().catch(() => undefined);
  }
}
