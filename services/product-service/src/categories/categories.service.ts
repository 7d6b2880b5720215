import { Injectable } from '@nestjs/common';
import type { CategorySnapshot } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { CatalogCache } from '../cache/catalog-cache';
import { CategoriesRepository } from './categories.repository';
import { CategoryErrors } from './categories.errors';
import { buildCategoryTree, type CategoryNode } from './category-tree';

@Injectable()
export class CategoriesService {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly cache: CatalogCache,
  ) {}

  /** The whole tree as JSON text, from the read cache. */
  async treeJson(): Promise<string> {
    const { keys } = this.cache;
    const json = await this.cache.getOrLoad(
      'categories',
      keys.categoryTree(),
      [keys.categoriesVersion()],
      async () => JSON.stringify(buildCategoryTree(await CategoriesRepository.all(this.db.manager))),
    );
    return json ?? '[]';
  }

  async create(input: { name: string; slug: string; parentId?: string | null }): Promise<CategoryNode> {
    // Only the tree changes: product lists are untouched, since a new category holds no product yet
    // and categories are never moved or deleted.
    const versions = [this.cache.keys.categoriesVersion()];
    const created = await this.db.transaction(async (tx) => {
      const parentId = input.parentId ?? null;
      if (await CategoriesRepository.slugTaken(tx, input.slug)) throw CategoryErrors.slugTaken(input.slug);
      if (parentId !== null && !(await CategoriesRepository.exists(tx, parentId)))
        throw CategoryErrors.parentNotFound();
      const category = snapshotOf(
        await CategoriesRepository.insert(tx, { name: input.name, slug: input.slug, parentId }),
      );
      // In the same transaction as the row: search learns the name exactly when the category exists.
      await this.outbox.add(tx, { type: 'category.created', aggregateId: category.id, data: category });
      await this.cache.invalidateBeforeCommit(versions);
      return category;
    });
    await this.cache.invalidateAfterCommit(versions);
    return { ...created, children: [] };
  }

  /** 422 when a product names a category that does not exist. */
  async assertExists(tx: Tx, categoryId: string): Promise<void> {
    if (!(await CategoriesRepository.exists(tx, categoryId))) throw CategoryErrors.notFound();
  }
}

const snapshotOf = (row: CategorySnapshot): CategorySnapshot => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  parentId: row.parentId,
});
