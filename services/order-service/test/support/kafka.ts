import { randomBytes } from 'node:crypto';
import { dlqTopic, Topics } from '@ecommerce/contracts';
import { Kafka, logLevel } from 'kafkajs';

// user.events: the access-token revocation feed of @ecommerce/auth follows the outbox's topic names.
const USED_TOPICS = [
  Topics.userEvents,
  Topics.productEvents,
  Topics.inventoryCommands,
  Topics.inventoryEvents,
  Topics.paymentCommands,
  Topics.paymentEvents,
  Topics.orderEvents,
];

/**
 * Topics of one test file's own (`ordtest.<random>.<topic>` and their `.dlq`), so a platform running
 * on the same Kafka (an inventory-service answering reserve commands, say) never answers the test's
 * commands, and the test never answers theirs. Deleted by `drop`.
 */
export class TestTopics {
  readonly prefix = `ordtest.${randomBytes(4).toString('hex')}.`;
  private readonly kafka = new Kafka({
    clientId: 'order-test-admin',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });

  async create(): Promise<this> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: this.names().map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
    return this;
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  async drop(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: this.names() });
    } finally {
      await admin.disconnect();
    }
  }

  private names(): string[] {
    return USED_TOPICS.flatMap((topic) => [this.topic(topic), dlqTopic(this.topic(topic))]);
  }
}
