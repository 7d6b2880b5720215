import { ConfigError } from '@ecommerce/config';
import { loadPaymentConfig } from './config';

describe('loadPaymentConfig', () => {
  it('has defaults for local development, with the sandbox provider', () => {
    const config = loadPaymentConfig({});
    expect(config).toMatchObject({
      PORT: 3005,
      DATABASE_NAME: 'payments',
      DATABASE_USER: 'payments',
      KAFKA_CONSUMER_GROUP: 'payment-service',
      PAYMENT_FRAUD_MAX_AMOUNT: 1_000_000,
      PAYMENT_FRAUD_MAX_AMOUNTS: {},
      PAYMENT_FRAUD_MAX_ATTEMPTS_PER_HOUR: 10,
      RECONCILIATION_INTERVAL_MS: 60_000,
    });
    expect(config.STRIPE_API_KEY).toBeUndefined();
    expect(config.STRIPE_WEBHOOK_SECRET).toBeUndefined();
  });

  it('reads per-currency fraud limits', () => {
    expect(
      loadPaymentConfig({ PAYMENT_FRAUD_MAX_AMOUNTS: 'EUR:500000, JPY:75000000' }).PAYMENT_FRAUD_MAX_AMOUNTS,
    ).toEqual({ EUR: 500_000, JPY: 75_000_000 });
  });

  it('treats an empty key as no key', () => {
    expect(loadPaymentConfig({ STRIPE_API_KEY: ' ', STRIPE_WEBHOOK_SECRET: '' })).toMatchObject({
      STRIPE_API_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
    });
  });

  it('names every bad variable', () => {
    try {
      loadPaymentConfig({
        PAYMENT_FRAUD_MAX_AMOUNTS: 'EUR=5',
        PAYMENT_FRAUD_MAX_AMOUNT: '0',
        STRIPE_API_BASE: 'ftp://mock',
        STRIPE_API_KEY: 'sk_test_1',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PAYMENT_FRAUD_MAX_AMOUNTS');
      expect(problems).toContain('PAYMENT_FRAUD_MAX_AMOUNT:');
      expect(problems).toContain('STRIPE_API_BASE');
    }
  });

  it('wants a key when pointed at a Stripe API', () => {
    expect(() => loadPaymentConfig({ STRIPE_API_BASE: 'http://127.0.0.1:12111' })).toThrow(/STRIPE_API_KEY/);
    expect(
      loadPaymentConfig({ STRIPE_API_BASE: 'http://127.0.0.1:12111', STRIPE_API_KEY: 'sk_test_1' })
        .STRIPE_API_BASE,
    ).toBe('http://127.0.0.1:12111');
  });
});
