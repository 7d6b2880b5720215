import { randomUUID } from 'node:crypto';
import type { Money, ProductSnapshot } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';

/** product.created `data` as product-service publishes it. */
export function productSnapshot(
  id: string = randomUUID(),
  overrides: Partial<ProductSnapshot> = {},
): ProductSnapshot {
  const now = new Date().toISOString();
  return {
    id,
    sku: `SKU-${id.slice(0, 8)}`,
    name: 'Test product',
    description: 'A product made by a test',
    categoryId: null,
    price: { amount: 1999, currency: 'EUR' },
    prices: [],
    images: [],
    attributes: {},
    active: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A product straight into the price read model, for tests about orders rather than the catalog feed. */
export async function seedProduct(
  db: Database,
  options: { price?: Money; prices?: Money[]; active?: boolean; name?: string } = {},
): Promise<string> {
  const productId = randomUUID();
  const price = options.price ?? { amount: 1000, currency: 'EUR' };
  await db.manager.query(
    `INSERT INTO catalog_prices (product_id, name, active, price_amount, price_currency, prices, version_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())`,
    [
      productId,
      options.name ?? `Product ${productId.slice(0, 4)}`,
      options.active ?? true,
      price.amount,
      price.currency,
      JSON.stringify(options.prices ?? []),
    ],
  );
  return productId;
}

export const address = { line1: '1 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

export const orderBody = (
  items: { productId: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) => ({
  items,
  shippingAddress: address,
  paymentMethod: 'pm_card_visa',
  ...extra,
});

export async function orderRow(db: Database, orderId: string): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = await db.manager.query(
    `SELECT status, cancellation_reason AS "cancellationReason", reservation_id AS "reservationId", payment_id AS "paymentId",
            payment_status AS "paymentStatus", step, step_deadline AS "stepDeadline"
       FROM orders WHERE id = $1`,
    [orderId],
  );
  return rows[0];
}
