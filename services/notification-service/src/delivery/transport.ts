/** One notification, rendered, on its way out. */
export interface OutgoingNotification {
  notificationId: string;
  channel: 'email' | 'in_app';
  /** Resolved address for email; null when the recipient is not known (yet). */
  email: string | null;
  subject: string;
  body: string;
}

export type SendResult =
  { ok: true; statusCode?: number } | { ok: false; permanent: boolean; statusCode?: number; error: string };

/** How a channel delivers: SendGrid, the log (no mail provider configured), or the in-app inbox. */
export interface Transport {
  readonly name: 'sendgrid' | 'log' | 'in_app';
  send(notification: OutgoingNotification): Promise<SendResult>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
