import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { SendResult, Transport, OutgoingNotification } from './transport';

export interface SendGridSettings {
  apiKey: string;
  /** SendGrid's API unless set (tests point it at a local receiver). */
  baseUrl?: string;
  timeoutMs: number;
  from: { email: string; name: string };
}

/**
 * Sorts a failed SendGrid call: a 4xx other than 429 means the request itself is wrong (bad
 * address, rejected content, bad key) and repeating it cannot help; 429, 5xx and network errors
 * (refused, reset, timed out) pass with time.
 */
export function classifySendGridError(error: unknown): Extract<SendResult, { ok: false }> {
  const { code, message, response } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    response?: { body?: unknown };
  };
  const text = typeof message === 'string' && message.length > 0 ? message : String(error);
  if (typeof code === 'number') {
    const detail = response?.body ? `: ${JSON.stringify(response.body).slice(0, 500)}` : '';
    return {
      ok: false,
      permanent: code >= 400 && code < 500 && code !== 429,
      statusCode: code,
      error: `SendGrid answered ${code} ${text}${detail}`,
    };
  }
  return {
    ok: false,
    permanent: false,
    error: `SendGrid unreachable: ${typeof code === 'string' ? `${code} ` : ''}${text}`,
  };
}

/** Email through @sendgrid/mail, on a client of its own (not the module-wide singleton). */
export class SendGridTransport implements Transport {
  readonly name = 'sendgrid' as const;
  private readonly mail: MailService;

  constructor(private readonly settings: SendGridSettings) {
    const client = new Client();
    client.setApiKey(settings.apiKey);
    // setApiKey resets the base URL to SendGrid's own, so the override comes after it.
    if (settings.baseUrl) client.setDefaultRequest('baseUrl', settings.baseUrl);
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(settings.timeoutMs);
  }

  async send(notification: OutgoingNotification): Promise<SendResult> {
    if (!notification.email) return { ok: false, permanent: false, error: 'recipient address not known yet' };
    try {
      const [response] = await this.mail.send({
        to: notification.email,
        from: this.settings.from,
        subject: notification.subject,
        html: notification.body,
        customArgs: { notificationId: notification.notificationId },
      });
      return { ok: true, statusCode: response.statusCode };
    } catch (error) {
      return classifySendGridError(error);
    }
  }
}
