import { Injectable } from '@nestjs/common';
import type { TypedEnvelope } from '@ecommerce/contracts';
import { createLogger } from '@ecommerce/observability';
import { CatalogVersion } from '../catalog-index/catalog-version';
import { SERVICE_NAME } from '../config';
import { indexUpdates } from '../indexing/indexing.metrics';
import { CategoryDirectory } from './category-directory';

/** Applies product-service's category events to the directory the facets are named from. */
@Injectable()
export class CategoryUpdates {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly directory: CategoryDirectory,
    private readonly version: CatalogVersion,
  ) {}

  categoryChanged(
    event: TypedEnvelope<'category.created'> | TypedEnvelope<'category.updated'>,
  ): Promise<void> {
    return this.apply(event, event.data.id, event.data.name);
  }

  categoryDeleted(event: TypedEnvelope<'category.deleted'>): Promise<void> {
    // Kept as a deletion rather than removed, so a late category.updated cannot bring the name back.
    return this.apply(event, event.data.categoryId, null);
  }

  private async apply(
    event: TypedEnvelope<'category.created' | 'category.updated' | 'category.deleted'>,
    categoryId: string,
    name: string | null,
  ): Promise<void> {
    const written = await this.directory.apply(categoryId, name, Date.parse(event.occurredAt));
    const outcome = written ? 'written' : 'unchanged';
    indexUpdates.inc({ type: event.type, outcome });
    // Also when nothing was written, for the reason CatalogIndexer gives: a retry after the write
    // landed but the bump did not must still retire the answers cached with the old name.
    await this.version.changed();
    this.logger.debug({ eventId: event.id, type: event.type, categoryId, outcome }, 'category event applied');
  }
}
