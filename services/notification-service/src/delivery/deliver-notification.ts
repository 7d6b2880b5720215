import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { DeliveryRepository, type ClaimedNotification } from './delivery.repository';
import { deliveryAttempts, notificationsFailed, notificationsSent } from './delivery.metrics';
import { InAppTransport } from './in-app-transport';
import { outcomeOf, retryDelayMs, type AttemptOutcome, type RetrySchedule } from './retry-schedule';
import { MAIL_TRANSPORT, type SendResult, type Transport } from './transport';

const MAX_ERROR_LENGTH = 1_000;

/** One delivery attempt of a claimed notification: send, then log the attempt and apply its outcome. */
@Injectable()
export class DeliverNotificationUseCase {
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

  async execute(notification: ClaimedNotification): Promise<AttemptOutcome> {
    const transport = notification.channel === 'email' ? this.mail : this.inApp;
    const started = performance.now();
    const result = await this.send(transport, notification);
    const durationMs = Math.round(performance.now() - started);
    const outcome = outcomeOf(result, notification.attempts, this.schedule);
    const error = result.ok ? null : result.error.slice(0, MAX_ERROR_LENGTH);

    const applied = await this.db.transaction(async (tx) => {
      const updated = await DeliveryRepository.recordAttempt(tx, {
        notificationId: notification.id,
        attempt: notification.attempts,
        transport: transport.name,
        outcome,
        responseCode: result.statusCode ?? null,
        error,
        durationMs,
        retryInMs: outcome === 'RETRY' ? retryDelayMs(notification.attempts, this.schedule) : 0,
      });
      if (updated && outcome !== 'RETRY') {
        const data = {
          notificationId: notification.id,
          userId: notification.userId,
          channel: notification.channel,
          template: notification.template,
        };
        await this.outbox.add(
          tx,
          outcome === 'SENT'
            ? { type: 'notification.sent', aggregateId: notification.id, data }
            : {
                type: 'notification.failed',
                aggregateId: notification.id,
                data: { ...data, error: error ?? 'failed' },
              },
        );
      }
      return updated;
    });

    deliveryAttempts.inc({ channel: notification.channel, transport: transport.name, outcome });
    if (applied && outcome === 'SENT')
      notificationsSent.inc({
        channel: notification.channel,
        template: notification.template,
        transport: transport.name,
      });
    if (applied && outcome === 'FAILED')
      notificationsFailed.inc({ channel: notification.channel, template: notification.template });
    return outcome;
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
