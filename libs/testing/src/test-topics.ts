import { randomBytes } from 'node:crypto';
import { ALL_TOPICS, dlqTopic } from '@ecommerce/contracts';
import { Kafka, logLevel } from 'kafkajs';

export interface TestTopicsOptions {
  /** Contract topics to create (each with its `.dlq`). Default: every topic of libs/contracts. */
  topics?: readonly string[];
  /** Default 3: more than one, so per-key order and parallel partitions are exercised. */
  partitions?: number;
}

type Admin = ReturnType<Kafka['admin']>;

/**
 * Creates `topics` and returns once every partition's leader answers: a consumer or producer that
 * comes earlier fails with "This server does not host this topic-partition". kafkajs' own
 * `waitForLeaders` gives up on the first such answer, which a busy KRaft broker gives while it still
 * spreads the new metadata.
 */
export async function createTopicsReady(
  admin: Admin,
  topics: readonly string[],
  partitions: number,
): Promise<void> {
  await admin.createTopics({
    waitForLeaders: false,
    topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
  });
  const deadline = Date.now() + 15_000;
  for (const topic of topics) {
    for (;;) {
      try {
        await admin.fetchTopicOffsets(topic);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

const brokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/**
 * Topics of one test run's own (`test.<random>.<topic>` and their `.dlq`), so a platform running on
 * the same Kafka neither sees the test's events (a search index filling with test products) nor has
 * its commands answered by the test, and the other way round. Pass `prefix` as KAFKA_TOPIC_PREFIX:
 * the services' consumer groups carry it too. `create` in beforeAll, `drop` in afterAll; the
 * integration project's setup does both for every test file (libs/testing/src/jest-after-env.ts).
 */
export class TestTopics {
  readonly prefix = `test.${randomBytes(4).toString('hex')}.`;
  private readonly topics: readonly string[];
  private readonly partitions: number;
  private readonly kafka = new Kafka({
    clientId: 'test-topics',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
  });

  constructor(options: TestTopicsOptions = {}) {
    this.topics = options.topics ?? ALL_TOPICS;
    this.partitions = options.partitions ?? 3;
  }

  /** `<prefix><name>`: where this run's copy of a contract topic (or of its DLQ) lives. */
  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  async create(): Promise<this> {
    await this.withAdmin((admin) => createTopicsReady(admin, this.names(), this.partitions));
    return this;
  }

  async drop(): Promise<void> {
    await this.withAdmin((admin) => admin.deleteTopics({ topics: this.names() }));
  }

  private names(): string[] {
    return this.topics.flatMap((topic) => [this.topic(topic), dlqTopic(this.topic(topic))]);
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}

/**
 * The topic prefix of the running test file (KAFKA_TOPIC_PREFIX, set by the integration setup), or
 * '' outside it (e2e tests, which watch the real platform's topics).
 */
export const testTopicPrefix = (): string => process.env.KAFKA_TOPIC_PREFIX ?? '';

/** A contract topic's name in Kafka for the running test file: `testTopic(Topics.productEvents)`. */
export const testTopic = (name: string): string => `${testTopicPrefix()}${name}`;
