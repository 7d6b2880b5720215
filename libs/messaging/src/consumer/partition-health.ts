import { describeError } from '../errors';
import { consumerWaiting } from '../metrics';

/** A partition whose current message is waiting for infrastructure to come back. */
export interface StuckPartition {
  topic: string;
  partition: number;
  offset: string;
  since: string;
  attempts: number;
  error: string;
}

/**
 * Which partitions of a consumer are waiting out an infrastructure error right now. Readiness reads
 * it to show the consumer as degraded while it is stuck.
 */
export class PartitionHealth {
  private readonly stuck = new Map<string, StuckPartition>();

  /** `group` labels the `messaging_consumer_waiting_partitions` gauge. */
  constructor(private readonly group?: string) {}

  private publish(): void {
    if (this.group !== undefined) consumerWaiting.set({ group: this.group }, this.stuck.size);
  }

  waiting(topic: string, partition: number, offset: string, attempts: number, error: unknown): void {
    const key = `${topic}/${partition}`;
    const since = this.stuck.get(key)?.since ?? new Date().toISOString();
    this.stuck.set(key, {
      topic,
      partition,
      offset,
      since,
      attempts,
      error: describeError(error).slice(0, 300),
    });
    this.publish();
  }

  moving(topic: string, partition: number): void {
    if (this.stuck.delete(`${topic}/${partition}`)) this.publish();
  }

  stuckPartitions(): StuckPartition[] {
    return [...this.stuck.values()];
  }
}
