import { ConfigError } from '@ecommerce/config';
import { loadInventoryConfig } from './config';

describe('loadInventoryConfig', () => {
  it('has defaults for local development', () => {
    const config = loadInventoryConfig({});
    expect(config).toMatchObject({
      PORT: 3006,
      DATABASE_NAME: 'inventory',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CONSUMER_GROUP: 'inventory-service',
      KAFKA_FROM_BEGINNING: true,
      LOW_STOCK_THRESHOLD: 5,
      RESERVATION_TTL_SECONDS: 900,
    });
  });

  it('names every bad variable', () => {
    try {
      loadInventoryConfig({
        LOW_STOCK_THRESHOLD: '-1',
        RESERVATION_TTL_SECONDS: 'soon',
        KAFKA_FROM_BEGINNING: 'yes',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('LOW_STOCK_THRESHOLD');
      expect(problems).toContain('RESERVATION_TTL_SECONDS');
      expect(problems).toContain('KAFKA_FROM_BEGINNING');
    }
  });

  it('needs a way to verify tokens in production', () => {
    expect(() => loadInventoryConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL/);
    expect(() =>
      loadInventoryConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://127.0.0.1:3001/api/auth/jwks' }),
    ).toThrow(/localhost/);
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'http://users:3001/api/auth/jwks',
      DATABASE_PASSWORD: 'a-real-Secret-9',
    };
    expect(loadInventoryConfig(production).NODE_ENV).toBe('production');
  });

  it('refuses the default database password in production', () => {
    expect(() =>
      loadInventoryConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://users:3001/api/auth/jwks' }),
    ).toThrow(/DATABASE_PASSWORD/);
  });
});
