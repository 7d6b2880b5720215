import { Inject, Injectable } from '@nestjs/common';
import type { ProductSnapshot } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { CatalogCache } from '../cache/catalog-cache';
import { CategoriesService } from '../categories/categories.service';
import { PRODUCT_SERVICE_CONFIG, type ProductServiceConfig } from '../config';
import type { CreateProductDto } from './dto/create-product.dto';
import type { UpdateProductDto } from './dto/update-product.dto';
import { toSnapshot } from './product-view';
import {
  attributeProblems,
  changesOf,
  checkPricing,
  type ProductFields,
  type ProductPatch,
} from './product-rules';
import { ProductsRepository } from './products.repository';
import { ProductErrors } from './products.errors';

/**
 * Catalog writes (admin). Each one commits the row, its event (outbox) and the first cache
 * invalidation together, then invalidates once more after commit (see CatalogCache).
 */
@Injectable()
export class ProductsService {
  private readonly base: string;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly cache: CatalogCache,
    private readonly categories: CategoriesService,
    @Inject(PRODUCT_SERVICE_CONFIG) config: ProductServiceConfig,
  ) {
    this.base = config.BASE_CURRENCY;
  }

  async create(dto: CreateProductDto): Promise<ProductSnapshot> {
    const fields: ProductFields = {
      sku: dto.sku,
      name: dto.name,
      description: dto.description,
      categoryId: dto.categoryId,
      price: { amount: dto.price.amount, currency: dto.price.currency },
      prices: checkPricing(dto.price, dto.prices ?? [], this.base),
      images: dto.images ?? [],
      attributes: this.checkedAttributes(dto.attributes ?? {}),
    };
    const snapshot = await this.db.transaction(async (tx) => {
      if (await ProductsRepository.skuTaken(tx, fields.sku)) throw ProductErrors.skuTaken(fields.sku);
      if (fields.categoryId !== null) await this.categories.assertExists(tx, fields.categoryId);
      const created = toSnapshot(await ProductsRepository.insert(tx, fields));
      await this.outbox.add(tx, { type: 'product.created', aggregateId: created.id, data: created });
      await this.cache.invalidateBeforeCommit(this.versionsOf(created.id));
      return created;
    });
    await this.cache.invalidateAfterCommit(this.versionsOf(snapshot.id));
    return snapshot;
  }

  /** Applies the fields given; a PATCH that changes nothing writes nothing and publishes nothing. */
  async update(id: string, dto: UpdateProductDto): Promise<ProductSnapshot> {
    const { snapshot, changed } = await this.db.transaction(async (tx) => {
      const current = await this.lockedActive(tx, id);
      const changes = changesOf(this.fieldsOf(current), this.normalisedPatch(current, dto));
      if (!changes) return { snapshot: current, changed: false };
      if (changes.sku && (await ProductsRepository.skuTaken(tx, changes.sku, id)))
        throw ProductErrors.skuTaken(changes.sku);
      if (changes.categoryId) await this.categories.assertExists(tx, changes.categoryId);
      const updated = toSnapshot(await ProductsRepository.update(tx, id, changes));
      await this.outbox.add(tx, { type: 'product.updated', aggregateId: id, data: updated });
      await this.cache.invalidateBeforeCommit(this.versionsOf(id));
      return { snapshot: updated, changed: true };
    });
    if (changed) await this.cache.invalidateAfterCommit(this.versionsOf(id));
    return snapshot;
  }

  /** Soft delete. Deleting a deleted product is a no-op (a retried DELETE still answers 204). */
  async remove(id: string): Promise<void> {
    const deleted = await this.db.transaction(async (tx) => {
      const product = await ProductsRepository.findForUpdate(tx, id);
      if (!product) throw ProductErrors.notFound();
      if (!product.active) return false;
      await ProductsRepository.deactivate(tx, id);
      await this.outbox.add(tx, { type: 'product.deleted', aggregateId: id, data: { productId: id } });
      await this.cache.invalidateBeforeCommit(this.versionsOf(id));
      return true;
    });
    if (deleted) await this.cache.invalidateAfterCommit(this.versionsOf(id));
  }

  /** A product write changes its own page and any list page it may appear on. */
  private versionsOf(productId: string): string[] {
    return [this.cache.keys.productVersion(productId), this.cache.keys.listVersion()];
  }

  private async lockedActive(tx: Tx, id: string): Promise<ProductSnapshot> {
    const product = await ProductsRepository.findForUpdate(tx, id);
    if (!product || !product.active) throw ProductErrors.notFound();
    return toSnapshot(product);
  }

  private fieldsOf(product: ProductSnapshot): ProductFields {
    const { sku, name, description, categoryId, price, prices, images, attributes } = product;
    return { sku, name, description, categoryId, price, prices, images, attributes };
  }

  /** The patch with prices checked against the product's other price and put in stored order. */
  private normalisedPatch(current: ProductSnapshot, dto: UpdateProductDto): ProductPatch {
    const patch: ProductPatch = {
      sku: dto.sku,
      name: dto.name,
      description: dto.description,
      categoryId: dto.categoryId,
      images: dto.images,
      attributes: dto.attributes === undefined ? undefined : this.checkedAttributes(dto.attributes),
    };
    if (dto.price !== undefined || dto.prices !== undefined) {
      const price = dto.price ? { amount: dto.price.amount, currency: dto.price.currency } : current.price;
      patch.price = price;
      patch.prices = checkPricing(price, dto.prices ?? current.prices, this.base);
    }
    return patch;
  }

  private checkedAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
    const problems = attributeProblems(attributes);
    if (problems.length) throw ProductErrors.invalid({ attributes: problems });
    return attributes;
  }
}
