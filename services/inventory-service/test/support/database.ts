import { createDataSource, Database, initializeDataSource } from '@ecommerce/database';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@ecommerce/messaging';
import { INVENTORY_MIGRATIONS } from '../../src/migrations';
import { WarehouseEntity } from '../../src/warehouses/warehouse.entity';
import { testConfig } from './app';

/** inventory_test, migrated, without the app (for tests that drive use cases directly). */
export async function openTestDatabase(): Promise<Database> {
  const dataSource = createDataSource({
    env: testConfig(),
    entities: [WarehouseEntity, ...MESSAGING_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...INVENTORY_MIGRATIONS],
    applicationName: 'inventory-test',
  });
  return new Database(await initializeDataSource(dataSource));
}
