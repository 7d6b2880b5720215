import { randomBytes, randomUUID } from 'node:crypto';
import { createTopicsReady, eventually } from '@ecommerce/testing';
import { logLevel, type Consumer, type Kafka } from 'kafkajs';
import { createKafka, type MessagingLogger } from '@ecommerce/messaging';
import type { IHeaders } from 'kafkajs';

const headersAsText = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

/** Collects log entries instead of printing them; tests look at them when something is off. */
export function memoryLogger(): MessagingLogger & {
  entries: Array<{ level: string; msg?: string; obj: object }>;
} {
  const entries: Array<{ level: string; msg?: string; obj: object }> = [];
  const write = (level: string) => (obj: object, msg?: string) => void entries.push({ level, msg, obj });
  return { entries, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function testKafka(logger: MessagingLogger = memoryLogger()): Kafka {
  return createKafka({ clientId: 'messaging-int-test', logger, logLevel: logLevel.ERROR });
}

/** Throw-away topics (`msgtest.<random>.<name>` and their `.dlq`), deleted by `drop`. */
export class TestTopics {
  readonly created: string[] = [];
  private readonly run = randomBytes(4).toString('hex');

  constructor(private readonly kafka: Kafka) {}

  async create(name: string, partitions = 3): Promise<string> {
    const topic = `msgtest.${this.run}.${name}`;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await createTopicsReady(admin, [topic, `${topic}.dlq`], partitions);
    } finally {
      await admin.disconnect();
    }
    this.created.push(topic, `${topic}.dlq`);
    return topic;
  }

  async drop(): Promise<void> {
    if (this.created.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: this.created });
    } finally {
      await admin.disconnect();
    }
  }
}

export interface CollectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Everything that lands on some topics, from their beginning, in arrival order per partition. */
export class TopicCollector {
  readonly messages: CollectedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<this> {
    this.consumer = this.kafka.consumer({
      groupId: `msgtest-collector-${randomUUID()}`,
      maxWaitTimeInMs: 200,
      heartbeatInterval: 1_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersAsText(message.headers),
        });
      },
    });
    return this;
  }

  on(topic: string): CollectedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  /** Event ids of the JSON envelopes seen on `topic`, in arrival order. */
  eventIds(topic: string): string[] {
    return this.on(topic).map((message) => (JSON.parse(message.value ?? '{}') as { id?: string }).id ?? '');
  }

  async waitForCount(topic: string, count: number, timeoutMs = 20_000): Promise<CollectedMessage[]> {
    return eventually(
      () => {
        const seen = this.on(topic);
        if (seen.length < count) throw new Error(`${topic}: ${seen.length} of ${count} messages arrived`);
        return seen;
      },
      { timeoutMs },
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Resolves once `groupId` has committed offsets up to the end of every partition of `topic`. */
export async function waitForGroupCaughtUp(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 20_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const { partition, high } of ends) {
          const at = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
          if (BigInt(high) > 0n && BigInt(at) < BigInt(high))
            throw new Error(`${groupId} at ${at} of ${high} on ${topic}/${partition}`);
        }
      },
      { timeoutMs, intervalMs: 100 },
    );
  } finally {
    await admin.disconnect();
  }
}
