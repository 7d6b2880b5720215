import { ConfigError } from '@ecommerce/config';
import { loadSearchServiceConfig } from './config';

describe('search-service config', () => {
  it('has working defaults', () => {
    const config = loadSearchServiceConfig({});
    expect(config).toMatchObject({
      PORT: 3008,
      SEARCH_INDEX_ALIAS: 'products',
      BASE_CURRENCY: 'EUR',
      KAFKA_FROM_BEGINNING: true,
    });
    expect(config.SEARCH_PRICE_RANGES).toEqual([1_000, 2_500, 5_000, 10_000, 25_000, 50_000]);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('parses price ranges and names every bad variable', () => {
    expect(loadSearchServiceConfig({ SEARCH_PRICE_RANGES: '500, 2000' }).SEARCH_PRICE_RANGES).toEqual([
      500, 2_000,
    ]);
    let error: ConfigError | undefined;
    try {
      loadSearchServiceConfig({
        SEARCH_PRICE_RANGES: '2000,500',
        SEARCH_INDEX_ALIAS: 'Products!',
        BASE_CURRENCY: 'euro',
        KAFKA_FROM_BEGINNING: 'yes',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = error!.problems.map((problem) => problem.split(':')[0]);
    expect(variables).toEqual(
      expect.arrayContaining([
        'SEARCH_PRICE_RANGES',
        'SEARCH_INDEX_ALIAS',
        'BASE_CURRENCY',
        'KAFKA_FROM_BEGINNING',
      ]),
    );
  });
});
