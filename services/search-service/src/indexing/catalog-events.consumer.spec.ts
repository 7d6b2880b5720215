import { backoffDelay, type ConsumerRegistration, type EventConsumers } from '@ecommerce/messaging';
import type { CategoryUpdates } from '../categories/category-updates';
import { loadSearchServiceConfig } from '../config';
import { CatalogEventsConsumer, INDEXING_BACKOFF, INDEXING_MAX_ATTEMPTS } from './catalog-events.consumer';
import type { CatalogIndexer } from './catalog-indexer';

/** Total wait between the first and the last attempt, with every random half of a wait at `random`. */
const totalWaitMs = (random: number) =>
  Array.from({ length: INDEXING_MAX_ATTEMPTS - 1 }, (_, i) =>
    backoffDelay(i + 1, INDEXING_BACKOFF, () => random),
  ).reduce((sum, ms) => sum + ms, 0);

describe('CatalogEventsConsumer', () => {
  it('registers with the retry policy below, not the messaging defaults', async () => {
    const register = jest.fn(async (_spec: ConsumerRegistration) => undefined);
    const consumer = new CatalogEventsConsumer(
      { register } as unknown as EventConsumers,
      {} as CatalogIndexer,
      {} as CategoryUpdates,
      loadSearchServiceConfig({ JWT_PUBLIC_KEY: 'unused' }),
    );
    await consumer.onApplicationBootstrap();
    expect(register).toHaveBeenCalledWith(
      expect.objectContaining({ maxAttempts: INDEXING_MAX_ATTEMPTS, backoff: INDEXING_BACKOFF }),
    );
    expect(Object.keys(register.mock.calls[0]![0].handlers ?? {})).toEqual(
      expect.arrayContaining(['category.created', 'category.updated', 'category.deleted']),
    );
  });

  it('retries a failing event for at least two minutes before parking it, never waiting more than 10 s at a time', () => {
    expect(totalWaitMs(0)).toBeGreaterThanOrEqual(120_000);
    expect(totalWaitMs(1)).toBeLessThanOrEqual(5 * 60_000);
    expect(backoffDelay(INDEXING_MAX_ATTEMPTS, INDEXING_BACKOFF, () => 1)).toBeLessThanOrEqual(10_000);
  });
});
