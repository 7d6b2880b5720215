import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from '@elastic/elasticsearch';

/** Injection token of the service's one Elasticsearch client (one connection pool for every request). */
export const ELASTICSEARCH = Symbol('ELASTICSEARCH');

export function createElasticsearchClient(options: { url: string; requestTimeoutMs: number }): Client {
  return new Client({
    node: options.url,
    requestTimeout: options.requestTimeoutMs,
    // One retry on another connection is enough; a longer outage is answered with 503, not a hung request.
    maxRetries: 1,
    compression: false,
  });
}

@Injectable()
class ElasticsearchCloser implements OnApplicationShutdown {
  constructor(@Inject(ELASTICSEARCH) private readonly es: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.es.close();
  }
}

@Global()
@Module({})
export class ElasticsearchModule {
  static forRoot(options: { url: string; requestTimeoutMs: number }): DynamicModule {
    return {
      module: ElasticsearchModule,
      providers: [
        { provide: ELASTICSEARCH, useFactory: () => createElasticsearchClient(options) },
        ElasticsearchCloser,
      ],
      exports: [ELASTICSEARCH],
    };
  }
}
