import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// These small HTTP servers stand in for product-service and inventory-service, and only in
// cart-service's own integration tests: they serve exactly the documented answers of
// `GET /api/products/:id` and `GET /api/inventory/:productId` (API.md), and the tests stop and
// start them to take an upstream down and bring it back. Redis and Kafka in these tests are real.

type Answer = { status: number; body?: unknown };

class StandInServer {
  private server?: Server;
  private port = 0;
  requests = 0;

  constructor(private readonly answer: (path: string) => Answer) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port the first time, and on the same port after a stop. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      this.requests++;
      const { status, body } = request.method === 'GET' ? this.answer(request.url ?? '/') : { status: 405 };
      const problem = status >= 400 ? { type: '/problems/not-found', title: 'Not Found', status } : undefined;
      response.writeHead(status, {
        'content-type': problem ? 'application/problem+json' : 'application/json',
      });
      response.end(JSON.stringify(body ?? problem));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes away like a crashed service: open keep-alive connections are cut, new ones refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface StandInProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  price: { amount: number; currency: string };
  prices: { amount: number; currency: string }[];
  images: string[];
  attributes: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export class ProductServiceStandIn extends StandInServer {
  readonly products = new Map<string, StandInProduct>();

  constructor() {
    super((path) => {
      const match = /^\/api\/products\/([^/?]+)$/.exec(path);
      const product = match ? this.products.get(decodeURIComponent(match[1] as string)) : undefined;
      return product ? { status: 200, body: product } : { status: 404 };
    });
  }

  /** Adds (or replaces) a product priced in EUR minor units; returns it. */
  put(name: string, amount: number, overrides: Partial<StandInProduct> = {}): StandInProduct {
    const now = new Date().toISOString();
    const product: StandInProduct = {
      id: randomUUID(),
      sku: `SKU-${randomUUID().slice(0, 8)}`,
      name,
      description: `${name} for tests`,
      categoryId: null,
      price: { amount, currency: 'EUR' },
      prices: [{ amount, currency: 'EUR' }],
      images: [],
      attributes: {},
      active: true,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    };
    this.products.set(product.id, product);
    return product;
  }

  /** Changes the price as an admin would (updatedAt moves on). */
  reprice(id: string, amount: number): StandInProduct {
    const product = this.products.get(id);
    if (!product) throw new Error(`no product ${id}`);
    const updated = {
      ...product,
      price: { amount, currency: 'EUR' },
      prices: [{ amount, currency: 'EUR' }],
      updatedAt: new Date().toISOString(),
    };
    this.products.set(id, updated);
    return updated;
  }
}

export class InventoryServiceStandIn extends StandInServer {
  readonly available = new Map<string, number>();

  constructor() {
    super((path) => {
      const match = /^\/api\/inventory\/([^/?]+)$/.exec(path);
      const productId = match ? decodeURIComponent(match[1] as string) : undefined;
      const available = productId ? this.available.get(productId) : undefined;
      if (productId === undefined || available === undefined) return { status: 404 };
      return {
        status: 200,
        body: {
          productId,
          available,
          reserved: 0,
          warehouses: [
            { warehouseId: '00000000-0000-4000-8000-000000000001', onHand: available, reserved: 0 },
          ],
        },
      };
    });
  }
}
