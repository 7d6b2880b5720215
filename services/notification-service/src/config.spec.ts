import { ConfigError } from '@ecommerce/config';
import { loadNotificationConfig } from './config';

describe('loadNotificationConfig', () => {
  it('has defaults for local development, mail to the log', () => {
    const config = loadNotificationConfig({});
    expect(config).toMatchObject({
      PORT: 3007,
      DATABASE_NAME: 'notifications',
      DATABASE_USER: 'notifications',
      KAFKA_CONSUMER_GROUP: 'notification-service',
      NOTIFICATION_ADMIN_EMAILS: [],
      NOTIFICATION_MAX_ATTEMPTS: 5,
      NOTIFICATION_DISPATCHER_ENABLED: true,
    });
    expect(config.SENDGRID_API_KEY).toBeUndefined();
  });

  it('reads the admin addresses as a trimmed, lower-cased list', () => {
    expect(
      loadNotificationConfig({ NOTIFICATION_ADMIN_EMAILS: ' Ops@Example.com, ,alerts@example.com ' })
        .NOTIFICATION_ADMIN_EMAILS,
    ).toEqual(['ops@example.com', 'alerts@example.com']);
  });

  it('names every bad variable', () => {
    try {
      loadNotificationConfig({
        NOTIFICATION_ADMIN_EMAILS: 'not-an-address',
        SENDGRID_API_BASE_URL: 'nowhere',
        NOTIFICATION_MAX_ATTEMPTS: '0',
        NOTIFICATION_DISPATCHER_ENABLED: 'yes',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of [
        'NOTIFICATION_ADMIN_EMAILS',
        'SENDGRID_API_BASE_URL',
        'NOTIFICATION_MAX_ATTEMPTS',
        'NOTIFICATION_DISPATCHER_ENABLED',
      ]) {
        expect(problems).toContain(name);
      }
    }
  });

  it('refuses a retry cap below the base and a claim shorter than a send', () => {
    expect(() =>
      loadNotificationConfig({ NOTIFICATION_RETRY_BASE_MS: '5000', NOTIFICATION_RETRY_MAX_MS: '1000' }),
    ).toThrow(/NOTIFICATION_RETRY_MAX_MS/);
    expect(() =>
      loadNotificationConfig({ SENDGRID_TIMEOUT_MS: '10000', NOTIFICATION_CLAIM_TIMEOUT_MS: '5000' }),
    ).toThrow(/NOTIFICATION_CLAIM_TIMEOUT_MS/);
  });

  it('needs a way to verify tokens in production', () => {
    expect(() => loadNotificationConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL/);
  });
});
