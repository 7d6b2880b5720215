import type { Logger } from '@ecommerce/observability';
import type { SendResult, Transport, OutgoingNotification } from './transport';

/**
 * Used when no SENDGRID_API_KEY is set (development, demos): the mail is rendered as usual and
 * written to the log as JSON instead of being sent, and counts as delivered.
 */
export class LogTransport implements Transport {
  readonly name = 'log' as const;

  constructor(
    private readonly logger: Pick<Logger, 'info'>,
    private readonly from: { email: string; name: string },
  ) {}

  send(notification: OutgoingNotification): Promise<SendResult> {
    if (!notification.email)
      return Promise.resolve({ ok: false, permanent: false, error: 'recipient address not known yet' });
    this.logger.info(
      {
        notificationId: notification.notificationId,
        from: this.from,
        to: notification.email,
        subject: notification.subject,
        html: notification.body,
      },
      'email rendered to the log (no SENDGRID_API_KEY set)',
    );
    return Promise.resolve({ ok: true });
  }
}
