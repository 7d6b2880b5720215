import { ConfigError } from '@ecommerce/config';
import { loadOrderConfig } from './config';

describe('loadOrderConfig', () => {
  it('has defaults for local development, with a generous step timeout', () => {
    const config = loadOrderConfig({ NODE_ENV: 'test' });
    expect(config).toMatchObject({
      PORT: 3004,
      DATABASE_NAME: 'orders',
      DATABASE_USER: 'orders',
      KAFKA_CONSUMER_GROUP: 'order-service',
      KAFKA_FROM_BEGINNING: true,
      KAFKA_TOPIC_PREFIX: '',
      BASE_CURRENCY: 'EUR',
      ORDER_STEP_TIMEOUT_MS: 60_000,
      RESERVATION_TTL_MS: 900_000,
      IDEMPOTENCY_TTL_HOURS: 24,
    });
  });

  it('names every bad variable', () => {
    try {
      loadOrderConfig({
        NODE_ENV: 'test',
        ORDER_STEP_TIMEOUT_MS: '10',
        BASE_CURRENCY: 'euro',
        CART_SERVICE_URL: 'cart',
        KAFKA_TOPIC_PREFIX: 'Bad Prefix',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['ORDER_STEP_TIMEOUT_MS', 'BASE_CURRENCY', 'CART_SERVICE_URL', 'KAFKA_TOPIC_PREFIX'])
        expect(problems).toContain(name);
    }
  });
});
