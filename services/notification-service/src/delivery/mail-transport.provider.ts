import type { Provider } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { NOTIFICATION_CONFIG, SERVICE_NAME, type NotificationConfig } from '../config';
import { LogTransport } from './log-transport';
import { SendGridTransport } from './sendgrid-transport';
import { MAIL_TRANSPORT, type Transport } from './transport';

/** SendGrid when SENDGRID_API_KEY is set; otherwise mail goes to the log. */
export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [NOTIFICATION_CONFIG],
  useFactory: (config: NotificationConfig): Transport => {
    const from = { email: config.NOTIFICATION_FROM_EMAIL, name: config.NOTIFICATION_FROM_NAME };
    if (!config.SENDGRID_API_KEY) return new LogTransport(createLogger(SERVICE_NAME), from);
    return new SendGridTransport({
      apiKey: config.SENDGRID_API_KEY,
      baseUrl: config.SENDGRID_API_BASE_URL,
      timeoutMs: config.SENDGRID_TIMEOUT_MS,
      from,
    });
  },
};
