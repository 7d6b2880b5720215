import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { SERVICE_NAME } from '../config';
import { ProductSource } from '../upstream/product-source';
import { CategoryDirectory } from './category-directory';
import { flattenCategories } from './category-tree';

const RETRY_MS = 30_000;

/**
 * Categories created before product-service published category events have no event to learn
 * their names from: the first replica to start reads product-service's tree once. It runs in the
 * background and retries while product-service is away, since searches work without names.
 */
@Injectable()
export class CategoryBootstrap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly directory: CategoryDirectory,
    private readonly products: ProductSource,
  ) {}

  onApplicationBootstrap(): void {
    void this.attempt();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reads product-service's tree unless a replica (now or at an earlier start) already did. */
  async seedOnce(): Promise<void> {
    if (await this.directory.isSeeded()) return;
    const names = flattenCategories(await this.products.categories());
    await this.directory.seed(names);
    this.logger.info({ categories: names.size }, 'seeded category names from product-service');
  }

  private async attempt(): Promise<void> {
    try {
      await this.seedOnce();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not seed category names from product-service; will retry');
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.attempt(), RETRY_MS);
      this.timer.unref();
    }
  }
}
