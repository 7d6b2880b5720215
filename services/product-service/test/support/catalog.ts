import type { TestProductService } from './product-service';
import { unique } from './product-service';

/** A valid create body; override any field. */
export function newProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sku: unique('SKU').toUpperCase(),
    name: 'Aurora Wireless Noise-Cancelling Headphones',
    description: 'Over-ear headphones with adaptive noise cancelling and 30 hours of battery.',
    categoryId: null,
    price: { amount: 12999, currency: 'EUR' },
    prices: [{ amount: 13900, currency: 'USD' }],
    images: ['https://example.com/images/aurora-1.jpg'],
    attributes: { color: 'black', wireless: true, batteryHours: 30 },
    ...overrides,
  };
}

export async function createProduct(service: TestProductService, overrides: Record<string, unknown> = {}) {
  const response = await service
    .http()
    .post('/api/products')
    .auth(service.adminToken, { type: 'bearer' })
    .send(newProduct(overrides));
  if (response.status !== 201)
    throw new Error(`create product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    id: string;
    sku: string;
    price: { amount: number; currency: string };
    [field: string]: unknown;
  };
}

export async function createCategory(service: TestProductService, name: string, parentId?: string) {
  const response = await service
    .http()
    .post('/api/categories')
    .auth(service.adminToken, { type: 'bearer' })
    .send({
      name,
      slug: unique(name.toLowerCase().replace(/[^a-z0-9]+/g, '-')),
      ...(parentId ? { parentId } : {}),
    });
  if (response.status !== 201)
    throw new Error(`create category: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    id: string;
    name: string;
    slug: string;
    parentId: string | null;
    children: unknown[];
  };
}
