import { createDataSource, Database, initializeDataSource } from '@ecommerce/database';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@ecommerce/messaging';
import { createTestSchema } from '@ecommerce/testing';
import { NOTIFICATION_MIGRATIONS } from '../../src/migrations';
import { testConfig } from './app';

/** notifications_test in a fresh schema, migrated, without the app (for tests that drive repositories directly). */
export async function openTestDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  const schema = await createTestSchema('notifications_test', 'notifications');
  const dataSource = createDataSource({
    env: testConfig(schema.name, {}, ''),
    entities: [...MESSAGING_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...NOTIFICATION_MIGRATIONS],
    applicationName: 'notification-test',
  });
  const db = new Database(await initializeDataSource(dataSource));
  return {
    db,
    close: async () => {
      await dataSource.destroy();
      await schema.drop();
    },
  };
}
