import { dlqTopic, type EventEnvelope } from '@ecommerce/contracts';
import type { Database, Tx } from '@ecommerce/database';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Producer } from 'kafkajs';
import type { BackoffPolicy } from '../backoff';
import { describeError } from '../errors';
import { consoleJsonLogger, type MessagingLogger } from '../logger';
import { consumerLag, dlqTotal } from '../metrics';
import { withTopicPrefix } from '../topic-prefix';
import { deadLetterHeaders } from './dlq-headers';
import { BatchApplier } from './batch-applier';
import { handlerFor, type BatchEventHandlers, type EventHandlers, type TxOf } from './handlers';
import { MessageProcessor, type MessageOrigin } from './message-processor';
import { PartitionHealth, type StuckPartition } from './partition-health';

/** `database` decides what handlers receive: with one, the inbox transaction (`Tx`); without, `undefined`. */
export interface EventConsumerOptions<D extends Database | undefined = Database | undefined> {
  kafka: Kafka;
  /** Named after the service (`order-service`), so its replicas share the partitions. */
  groupId: string;
  topics: string[];
  /**
   * Put before the topic names and the group id in Kafka (`KAFKA_TOPIC_PREFIX`), so the group, its
   * DLQ topics and its inbox rows are those of this environment only. Default none.
   */
  topicPrefix?: string;
  handlers: EventHandlers<TxOf<D>>;
  /**
   * With a database each event is applied in a transaction that also records it in the inbox, so a
   * redelivered event has no second effect. Without one (Redis, Elasticsearch) handlers must be
   * idempotent themselves.
   */
  database?: D;
  /**
   * Attempts for an error of unknown class (a bug, a TypeError) before the message is parked on
   * `<topic>.dlq`. Infrastructure errors never count: they are waited out. Default 5.
   */
  maxAttempts?: number;
  /** Wait between attempts after an unknown error. Default 200 ms doubling up to 10 s, with jitter. */
  backoff?: BackoffPolicy;
  /** Wait between attempts while infrastructure is away. Default 200 ms doubling up to 10 s, with jitter. */
  transientBackoff?: BackoffPolicy;
  logger?: MessagingLogger;
  /** Where a brand-new group starts. Default true: events published before the first deploy are not lost. */
  fromBeginning?: boolean;
  heartbeatIntervalMs?: number;
  /** Partitions handled in parallel; order always holds within a partition. Default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * Longest a fetch waits for new messages. The broker answers a fetch as soon as a message arrives,
   * so this does not delay delivery; it is how often an idle consumer wakes up, and it bounds how
   * long a graceful shutdown of an idle consumer waits for the fetch in flight. Default 5 s.
   */
  maxWaitTimeMs?: number;
  /**
   * With a database: how many events of one fetched partition batch are applied in ONE transaction
   * (their inbox rows with one statement, the handlers in partition order, one commit). Default 1:
   * one transaction per event. A larger batch holds its locks until the batch commits, so a service
   * turns it on once its handlers take their locks in a consistent order (or set-based through
   * `batchHandlers`). If a batch fails it is applied again one event per transaction, so a bad
   * event is classified as it would be alone and nothing is applied twice.
   */
  batchSize?: number;
  /**
   * Set-based handlers for runs of consecutive events of one type in a batch. The per-event handler
   * of each type stays required: it applies the event when the batch falls back to one per transaction.
   */
  batchHandlers?: D extends Database ? BatchEventHandlers : never;
  /**
   * Runs first in each batch transaction, after the inbox rows, with the events about to be applied:
   * the place to take every lock the batch will need at once, in a consistent order, so batches of
   * different partitions queue instead of deadlocking. Not called when events are applied one per
   * transaction.
   */
  beforeBatch?: D extends Database ? (events: EventEnvelope[], tx: Tx) => Promise<void> : never;
}

const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 10_000 };

const nextOffset = (offset: string): string => (BigInt(offset) + 1n).toString();

/** What readiness shows of a consumer: `waiting` lists the partitions stuck on an infrastructure error. */
export interface EventConsumerStatus {
  groupId: string;
  topics: string[];
  waiting: StuckPartition[];
}

/**
 * Consumes events from Kafka with at-least-once delivery and, given a database, exactly-once
 * effects. Per partition, messages are handled one after the other. A message whose handler meets
 * an infrastructure error waits (its partition with it) until the infrastructure is back; one that
 * can never succeed is parked on `<topic>.dlq` and the consumer moves on.
 */
export class EventConsumer<D extends Database | undefined = Database | undefined> {
  private readonly options: EventConsumerOptions<D> & {
    maxAttempts: number;
    backoff: BackoffPolicy;
    logger: MessagingLogger;
  };
  private readonly stopping = new AbortController();
  private readonly processor: MessageProcessor;
  private readonly health: PartitionHealth;
  /** Set when events are applied several per transaction (a database and `batchSize` > 1). */
  private readonly batches?: BatchApplier;
  private consumer?: Consumer;
  private dlqProducer?: Producer;

  constructor(given: EventConsumerOptions<D>) {
    const prefix = given.topicPrefix ?? '';
    // From here on every name is the one in Kafka, so the DLQ twin of a prefixed topic is prefixed too.
    const options: EventConsumerOptions<D> = {
      ...given,
      groupId: withTopicPrefix(prefix, given.groupId),
      topics: given.topics.map((topic) => withTopicPrefix(prefix, topic)),
    };
    this.options = {
      ...options,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      logger: options.logger ?? consoleJsonLogger({ consumerGroup: options.groupId }),
    };
    if (this.options.maxAttempts < 1) throw new Error('maxAttempts must be at least 1');
    this.health = new PartitionHealth(options.groupId);
    this.processor = new MessageProcessor({
      groupId: options.groupId,
      handlers: options.handlers as EventHandlers<never>,
      database: options.database,
      maxAttempts: this.options.maxAttempts,
      backoff: this.options.backoff,
      transientBackoff: options.transientBackoff ?? DEFAULT_BACKOFF,
      health: this.health,
      logger: this.options.logger,
      deadLetter: (origin, error, attempts) => this.deadLetter(origin, error, attempts),
      signal: this.stopping.signal,
    });
    this.batches = this.batchApplier(options);
  }

  private batchApplier(options: EventConsumerOptions<D>): BatchApplier | undefined {
    const batchSize = options.batchSize ?? 1;
    const batchHandlers: BatchEventHandlers = options.batchHandlers ?? {};
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error('batchSize must be a positive integer');
    for (const type of Object.keys(batchHandlers)) {
      if (!handlerFor(options.handlers as EventHandlers<never>, type))
        throw new Error(`batch handler for ${type} needs a per-event handler too, for the fallback`);
    }
    if (!options.database) {
      if (Object.keys(batchHandlers).length > 0) throw new Error('batchHandlers need a database');
      return undefined;
    }
    if (batchSize === 1) return undefined;
    return new BatchApplier({
      groupId: options.groupId,
      database: options.database,
      processor: this.processor,
      batchHandlers,
      maxBatchSize: batchSize,
      beforeBatch: options.beforeBatch,
      logger: this.options.logger,
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Partitions waiting for infrastructure right now; empty when the consumer moves. */
  status(): EventConsumerStatus {
    return {
      groupId: this.options.groupId,
      topics: [...this.options.topics],
      waiting: this.health.stuckPartitions(),
    };
  }

  /** Connects, joins the group and starts consuming in the background. */
  async start(): Promise<void> {
    if (this.consumer || this.stopping.signal.aborted)
      throw new Error(`consumer ${this.options.groupId} can be started once`);
    const { kafka, groupId, topics } = this.options;
    this.dlqProducer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 5_000,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.options.logger.error(
        { groupId, err: payload.error, restart: payload.restart },
        'kafka consumer crashed',
      ),
    );
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.options.logger.info({ groupId, topics }, 'event consumer started');
  }

  /**
   * Graceful stop: no new message is started, the one in flight finishes (a retry wait is cut short
   * and that message is left for redelivery), offsets of finished messages are committed, then it
   * leaves the group and disconnects.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    // disconnect() waits for the running eachBatch, which commits before it returns.
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
    this.consumer = undefined;
    this.dlqProducer = undefined;
  }

  private async processBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    let lastDone: string | undefined;
    // Aborted when the group rebalances: a message waiting for infrastructure is left to the
    // partition's next owner instead of being applied by two members.
    const rebalance = new AbortController();
    // A slow handler, or one waiting out an outage, must not look like a dead member: keep
    // heartbeating while it runs. kafkajs sends at most one heartbeat per heartbeatInterval however
    // often this fires.
    const ticker = setInterval(() => {
      heartbeat().catch(() => rebalance.abort());
    }, 1_000);
    const shouldStop = () =>
      !isRunning() || isStale() || rebalance.signal.aborted || this.stopping.signal.aborted;
    try {
      if (this.batches) {
        await this.batches.processAll(
          batch.messages.map((message) => ({ topic, partition, message })),
          {
            finished: (offset) => {
              resolveOffset(offset);
              lastDone = offset;
            },
            shouldStop,
            signal: rebalance.signal,
          },
        );
        return;
      }
      for (const message of batch.messages) {
        if (shouldStop()) break;
        const result = await this.processor.process({ topic, partition, message }, rebalance.signal);
        if (result === 'interrupted') break;
        resolveOffset(message.offset);
        lastDone = message.offset;
      }
    } finally {
      clearInterval(ticker);
      if (lastDone !== undefined) {
        // Committed only now, after every resolved message's effect (and inbox row) committed in the
        // database or its copy reached the DLQ: a crash before this line redelivers them, and the
        // inbox makes the redelivery harmless. Committing first could lose an event.
        await commitOffsetsIfNecessary({
          topics: [{ topic, partitions: [{ partition, offset: nextOffset(lastDone) }] }],
        });
        const lag = BigInt(batch.highWatermark) - BigInt(nextOffset(lastDone));
        consumerLag.set(
          { topic, partition: String(partition), group: this.options.groupId },
          Number(lag > 0n ? lag : 0n),
        );
      }
    }
  }

  private async deadLetter(origin: MessageOrigin, error: unknown, attempts: number): Promise<void> {
    const { topic, partition, message } = origin;
    const headers = deadLetterHeaders(message.headers, {
      error,
      attempts,
      topic,
      partition,
      offset: message.offset,
      consumerGroup: this.options.groupId,
      failedAt: new Date(),
    });
    if (!this.dlqProducer) throw new Error('consumer is not started');
    // If this send fails the batch fails before its offset is committed, so the message is not lost:
    // it is consumed again and retried from its first attempt.
    await this.dlqProducer.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    dlqTotal.inc({ topic });
    this.options.logger.error(
      { topic, partition, offset: message.offset, attempts, groupId: this.options.groupId, err: error },
      `message parked on ${dlqTopic(topic)}: ${describeError(error)}`,
    );
  }
}
