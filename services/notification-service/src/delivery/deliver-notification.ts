import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database, pgErrorCode } from '@ecommerce/database';
import { Outbox, type OutgoingEvent } from '@ecommerce/messaging';
import { createLogger, RequestContext } from '@ecommerce/observability';
import { NOTIFICATION_CONFIG, SERVICE_NAME, type NotificationConfig } from '../config';
import { DeliveryRepository, type AttemptRecord, type ClaimedNotification } from './delivery.repository';
import { deliveryAttempts, notificationsFailed, notificationsSent } from './delivery.metrics';
import { InAppTransport } from './in-app-transport';
import { outcomeOf, retryDelayMs, type RetrySchedule } from './retry-schedule';
import { MAIL_TRANSPORT, type SendResult, type Transport } from './transport';

const MAX_ERROR_LENGTH = 1_000;

/** One sent notification, its attempt waiting to be recorded with the rest of its batch. */
interface Attempt {
  notification: ClaimedNotification;
  /** Of the unit of work the attempt was sent in; its events carry it too. */
  correlationId: string;
  record: AttemptRecord;
}

/**
 * The delivery attempts of a claimed batch: sends every notification at once, then logs the attempts
 * and applies their outcomes in one transaction.
 */
@Injectable()
export class DeliverNotificationUseCase {
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly schedule: RetrySchedule;
  private readonly inApp = new InAppTransport();

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    @Inject(MAIL_TRANSPORT) private readonly mail: Transport,
    @Inject(NOTIFICATION_CONFIG) config: NotificationConfig,
  ) {
    this.schedule = {
      maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
      baseMs: config.NOTIFICATION_RETRY_BASE_MS,
      maxMs: config.NOTIFICATION_RETRY_MAX_MS,
    };
  }

  async execute(batch: readonly ClaimedNotification[]): Promise<void> {
    if (batch.length === 0) return;
    const attempts = await Promise.all(batch.map((notification) => this.attempt(notification)));
    await this.recordAll(attempts);
  }

  // Each attempt is a unit of work of its own, caused by the event that recorded the notification.
  private attempt(notification: ClaimedNotification): Promise<Attempt> {
    const correlationId = randomUUID();
    return RequestContext.run({ correlationId, causationId: notification.eventId }, async () => {
      const transport = notification.channel === 'email' ? this.mail : this.inApp;
      const started = performance.now();
      const result = await this.send(transport, notification);
      const durationMs = Math.round(performance.now() - started);
      const outcome = outcomeOf(result, notification.attempts, this.schedule);
      const record: AttemptRecord = {
        notificationId: notification.id,
        attempt: notification.attempts,
        transport: transport.name,
        outcome,
        responseCode: result.statusCode ?? null,
        error: result.ok ? null : result.error.slice(0, MAX_ERROR_LENGTH),
        durationMs,
        retryInMs: outcome === 'RETRY' ? retryDelayMs(notification.attempts, this.schedule) : 0,
      };
      return { notification, correlationId, record };
    });
  }

  /**
   * Records the batch in one transaction. A value the database refuses in one attempt (a NUL byte
   * in an error text) fails the whole batch, and would again each time its claims time out, so the
   * batch is then recorded one attempt at a time and only that attempt is lost. Anything else (the
   * database down) would fail those too: the claims time out and the notifications are sent again.
   */
  private async recordAll(attempts: readonly Attempt[]): Promise<void> {
    try {
      await this.record(attempts);
    } catch (error) {
      if (attempts.length > 1 && isRefusedValue(error)) {
        await Promise.all(attempts.map((attempt) => this.recordAll([attempt])));
        return;
      }
      for (const { notification } of attempts)
        this.logger.error(
          { err: error, notificationId: notification.id },
          'recording a delivery attempt failed',
        );
    }
  }

  private async record(attempts: readonly Attempt[]): Promise<void> {
    const applied = await this.db.transaction(async (tx) => {
      const updated = await DeliveryRepository.recordAttempts(
        tx,
        attempts.map((attempt) => attempt.record),
      );
      const final = attempts.filter(
        (attempt) => updated.has(attempt.notification.id) && attempt.record.outcome !== 'RETRY',
      );
      await this.outbox.addCaused(
        tx,
        final.map((attempt) => ({ cause: causeOf(attempt), events: [outcomeEvent(attempt)] })),
      );
      return updated;
    });
    for (const attempt of attempts) countAttempt(attempt, applied.has(attempt.notification.id));
  }

  // A transport reports failures as results; anything it throws is a bug or an outage, so retried.
  private async send(transport: Transport, notification: ClaimedNotification): Promise<SendResult> {
    try {
      return await transport.send({
        notificationId: notification.id,
        channel: notification.channel,
        email: notification.email,
        subject: notification.subject,
        body: notification.body,
      });
    } catch (error) {
      return {
        ok: false,
        permanent: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }
}

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): a value, not the database.
const isRefusedValue = (error: unknown): boolean => /^2[23]/.test(pgErrorCode(error) ?? '');

// The event that recorded the notification, with the attempt's correlation id: each outcome event is
// the one the attempt's own unit of work would have added.
const causeOf = ({ notification, correlationId }: Attempt) => ({ id: notification.eventId, correlationId });

function outcomeEvent({
  notification,
  record,
}: Attempt): OutgoingEvent<'notification.sent' | 'notification.failed'> {
  const data = {
    notificationId: notification.id,
    userId: notification.userId,
    channel: notification.channel,
    template: notification.template,
  };
  return record.outcome === 'SENT'
    ? { type: 'notification.sent', aggregateId: notification.id, data }
    : {
        type: 'notification.failed',
        aggregateId: notification.id,
        data: { ...data, error: record.error ?? 'failed' },
      };
}

function countAttempt({ notification, record }: Attempt, applied: boolean): void {
  deliveryAttempts.inc({
    channel: notification.channel,
    transport: record.transport,
    outcome: record.outcome,
  });
  if (applied && record.outcome === 'SENT')
    notificationsSent.inc({
      channel: notification.channel,
      template: notification.template,
      transport: record.transport,
    });
  if (applied && record.outcome === 'FAILED')
    notificationsFailed.inc({ channel: notification.channel, template: notification.template });
}
