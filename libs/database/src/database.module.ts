import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { DataSourceSpec } from './data-source';
import { createDataSource, initializeDataSource } from './data-source';
import { Database } from './database';
import { unwatchPool, watchPool } from './pool-metrics';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    unwatchPool(this.database.dataSource);
    if (this.database.dataSource.isInitialized) await this.database.dataSource.destroy();
  }
}

/**
 * Provides the service's `Database` (and its TypeORM `DataSource`), connected and migrated before
 * any other provider starts. Closing the pool is the last step of a graceful shutdown.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(spec: DataSourceSpec): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Database,
          useFactory: async (): Promise<Database> => {
            const dataSource = await initializeDataSource(createDataSource(spec));
            watchPool(dataSource);
            return new Database(dataSource);
          },
        },
        {
          provide: 'DATA_SOURCE',
          useFactory: (database: Database): DataSource => database.dataSource,
          inject: [Database],
        },
        DataSourceCloser,
      ],
      exports: [Database, 'DATA_SOURCE'],
    };
  }
}
