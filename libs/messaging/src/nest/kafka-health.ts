import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Kafka within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Readiness probe for Kafka: can the cluster's metadata be read right now? Give it a client without
 * retries (MessagingModule does): a probe must answer now, not keep reconnecting in the background.
 */
export class KafkaHealth implements BeforeApplicationShutdown {
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  /** True when the brokers answer `describeCluster` within `timeoutMs` (default 2 s); never throws. */
  async isHealthy(timeoutMs = 2_000): Promise<boolean> {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await withTimeout(this.admin.connect(), timeoutMs);
      }
      const cluster = await withTimeout(this.admin.describeCluster(), timeoutMs);
      return cluster.brokers.length > 0;
    } catch {
      // Start from a fresh connection next time rather than trust a half-broken one.
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      return false;
    }
  }

  /** The same probe for readiness checks that expect a rejection: throws when Kafka does not answer. */
  async check(timeoutMs = 2_000): Promise<void> {
    if (!(await this.isHealthy(timeoutMs))) throw new Error('Kafka brokers do not answer');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }
}
