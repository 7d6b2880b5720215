import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export type ReadVerdict = 'continue' | 'stop';

export interface ReadTopicOptions {
  kafka: Kafka;
  topic: string;
  /** A throw-away group reads from the beginning; a named one resumes from its committed offsets. */
  groupId: string;
  /** Where reading starts per partition (to know what is left); default the low watermark. */
  startOffsets?: ReadonlyMap<number, bigint>;
  /** Read only these partitions. */
  partitions?: readonly number[];
  onMessage: (partition: number, message: KafkaMessage) => Promise<ReadVerdict> | ReadVerdict;
  /** After each batch, with the last offset handled, e.g. to commit. */
  afterBatch?: (consumer: Consumer, partition: number, lastOffset: string) => Promise<void>;
  /** Gives up (rejects) when the end is not reached in time. Default 30 s. */
  timeoutMs?: number;
}

/**
 * Reads a topic up to the high watermarks it had when reading started, then stops: a topic that keeps
 * growing cannot make it hang. Messages that arrive meanwhile are left for the next run.
 */
export async function readTopicToEnd(options: ReadTopicOptions): Promise<void> {
  const { kafka, topic } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (options.partitions && !options.partitions.includes(partition)) continue;
      const start = options.startOffsets?.get(partition) ?? BigInt(low);
      if (start < BigInt(high)) ends.set(partition, BigInt(high));
    }
    if (ends.size === 0) return;
    await consume(options, ends);
  } finally {
    await admin.disconnect();
  }
}

async function consume(options: ReadTopicOptions, ends: Map<number, bigint>): Promise<void> {
  const { kafka, topic, groupId } = options;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 500,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let finished = false;
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timeoutMs = options.timeoutMs ?? 30_000;
      const timer = setTimeout(
        () => finish(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer.on(consumer.events.CRASH, ({ payload }) => finish(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset }) => {
            const end = ends.get(batch.partition);
            if (finished || end === undefined) return;
            let last: string | undefined;
            let stop = false;
            for (const message of batch.messages) {
              if (BigInt(message.offset) >= end) break;
              const verdict = await options.onMessage(batch.partition, message);
              resolveOffset(message.offset);
              last = message.offset;
              if (verdict === 'stop') {
                stop = true;
                break;
              }
            }
            if (last !== undefined) await options.afterBatch?.(consumer, batch.partition, last);
            if (stop || BigInt(batch.lastOffset()) + 1n >= end) ends.delete(batch.partition);
            if (stop || ends.size === 0) finish();
          },
        })
        .catch((error: Error) => finish(error));
    });
  } finally {
    await consumer.disconnect();
  }
}
