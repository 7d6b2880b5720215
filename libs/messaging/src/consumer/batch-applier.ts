import type { EventEnvelope } from '@ecommerce/contracts';
import type { Database, Tx } from '@ecommerce/database';
import { describeError } from '../errors';
import { recordAllInInbox } from '../inbox/inbox';
import type { MessagingLogger } from '../logger';
import { consumedTotal, consumerBatchDuration, consumerBatchesTotal, type ConsumeOutcome } from '../metrics';
import { inBatchScope, inEventScope } from './event-scope';
import { batchHandlerFor, type BatchEventHandlers } from './handlers';
import type { MessageOrigin, MessageProcessor, PreparedMessage } from './message-processor';

type Applicable = Extract<PreparedMessage, { kind: 'apply' }>;

export interface BatchApplierOptions {
  groupId: string;
  database: Database;
  processor: MessageProcessor;
  batchHandlers: BatchEventHandlers;
  /** Most events applied in one transaction. */
  maxBatchSize: number;
  /** Runs first in each batch transaction, with the events about to be applied (see EventConsumerOptions). */
  beforeBatch?: (events: EventEnvelope[], tx: Tx) => Promise<void>;
  logger: MessagingLogger;
}

/** What the consumer's batch loop tells the applier. */
export interface PartitionBatchControl {
  /** Called for each finished message, in partition order: its offset may be committed. */
  finished: (offset: string) => void;
  /** True once the batch must end early (shutdown, rebalance): what is not finished is redelivered. */
  shouldStop: () => boolean;
  /** Aborted on a rebalance: a message waiting for infrastructure is left to the next owner. */
  signal: AbortSignal;
}

/**
 * Splits a fetched batch into chunks: runs of decodable messages holding up to `maxBatchSize` events
 * to apply (messages to skip ride along), and each undecodable message on its own, where it stands.
 */
export function chunksOf(prepared: readonly PreparedMessage[], maxBatchSize: number): PreparedMessage[][] {
  const chunks: PreparedMessage[][] = [];
  let current: PreparedMessage[] = [];
  let applicable = 0;
  const close = () => {
    if (current.length > 0) chunks.push(current);
    current = [];
    applicable = 0;
  };
  for (const message of prepared) {
    if (message.kind === 'poison') {
      close();
      chunks.push([message]);
      continue;
    }
    if (message.kind === 'apply' && applicable === maxBatchSize) close();
    current.push(message);
    if (message.kind === 'apply') applicable += 1;
  }
  close();
  return chunks;
}

/**
 * Applies the messages of one partition batch a chunk at a time, each chunk in ONE transaction: its
 * inbox rows with one statement, then the handlers in partition order, then the commit. If that
 * transaction fails, nothing of it stays, and the chunk is applied again one message per
 * transaction by the `MessageProcessor`, which classifies the failing message exactly as it would
 * alone (a permanent error parks it, an infrastructure error is waited out, an unknown one retried),
 * while the others are applied once. Offsets are reported only after their effects committed.
 */
export class BatchApplier {
  constructor(private readonly options: BatchApplierOptions) {}

  async processAll(origins: readonly MessageOrigin[], control: PartitionBatchControl): Promise<void> {
    const prepared = origins.map((origin) => this.options.processor.prepare(origin));
    for (const chunk of chunksOf(prepared, this.options.maxBatchSize)) {
      if (control.shouldStop()) return;
      if (!(await this.processChunk(chunk, control))) return;
    }
  }

  /** False when interrupted: the rest of the partition batch is left for redelivery. */
  private async processChunk(chunk: PreparedMessage[], control: PartitionBatchControl): Promise<boolean> {
    const applicable = chunk.filter((message): message is Applicable => message.kind === 'apply');
    if (applicable.length > 1) {
      const topic = applicable[0].origin.topic;
      const stopTimer = consumerBatchDuration.startTimer({ topic });
      try {
        const outcomes = await this.applyInOneTransaction(applicable);
        stopTimer();
        consumerBatchesTotal.inc({ topic, result: 'committed' });
        for (const message of chunk) {
          const { origin } = message;
          const outcome = message.kind === 'apply' ? outcomes.get(message)! : 'skipped';
          const type =
            message.kind === 'apply'
              ? message.envelope.type
              : message.kind === 'skip'
                ? message.type
                : 'unknown';
          consumedTotal.inc({ topic: origin.topic, type, outcome });
          control.finished(origin.message.offset);
        }
        return true;
      } catch (error) {
        stopTimer();
        consumerBatchesTotal.inc({ topic, result: 'fallback' });
        // Rolled back as a whole: applying one message per transaction finds the culprit (or waits
        // out the outage) without a second effect for anyone.
        this.options.logger.warn(
          {
            topic,
            partition: applicable[0].origin.partition,
            fromOffset: chunk[0].origin.message.offset,
            toOffset: chunk.at(-1)!.origin.message.offset,
            groupId: this.options.groupId,
            err: error,
          },
          `batch of ${applicable.length} events failed, applying them one by one: ${describeError(error)}`,
        );
      }
    }
    for (const message of chunk) {
      if (control.shouldStop()) return false;
      const result = await this.options.processor.processPrepared(message, control.signal);
      if (result === 'interrupted') return false;
      control.finished(message.origin.message.offset);
    }
    return true;
  }

  /**
   * One transaction: inbox rows for all, then each new event's handler in partition order; a run of
   * consecutive events of a type with a batch handler goes to it at once. Events the inbox already
   * holds (redelivered, or twice in this chunk) are left out.
   */
  private applyInOneTransaction(applicable: Applicable[]): Promise<Map<Applicable, ConsumeOutcome>> {
    const { database, groupId, batchHandlers } = this.options;
    return database.transaction(async (tx) => {
      const recorded = await recordAllInInbox(
        tx,
        groupId,
        applicable.map((message) => message.envelope),
      );
      const outcomes = new Map<Applicable, ConsumeOutcome>();
      // The first occurrence of an id takes the inbox row; a later copy in the same chunk is a duplicate.
      for (const message of applicable)
        outcomes.set(message, recorded.delete(message.envelope.id) ? 'processed' : 'duplicate');
      const fresh = applicable.filter((message) => outcomes.get(message) === 'processed');
      if (fresh.length > 0 && this.options.beforeBatch)
        await this.options.beforeBatch(
          fresh.map((message) => message.envelope),
          tx,
        );
      for (let start = 0; start < fresh.length;) {
        const { origin, envelope, handler } = fresh[start];
        const batchHandler = batchHandlerFor(batchHandlers, envelope.type);
        if (!batchHandler) {
          await inEventScope(origin, envelope, groupId, () => handler(envelope, tx));
          start += 1;
          continue;
        }
        let end = start + 1;
        while (end < fresh.length && fresh[end].envelope.type === envelope.type) end += 1;
        const run = fresh.slice(start, end).map((message) => message.envelope);
        await inBatchScope(origin.topic, envelope.type, groupId, run.length, () => batchHandler(run, tx));
        start = end;
      }
      return outcomes;
    });
  }
}
