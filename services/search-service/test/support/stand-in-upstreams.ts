import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProductSnapshot } from '@ecommerce/contracts';

export interface CategoryNode {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  children: CategoryNode[];
}

/**
 * Stands in for the upstream DATA SOURCES only: product-service's documented public reads
 * (`GET /api/products` as `{items, page, limit, total}`, `GET /api/products/:id`, `GET /api/categories`)
 * and inventory-service's `GET /api/inventory/:productId`. Those services are separate deployables
 * with their own databases; a rebuild only reads their REST answers, so serving the documented
 * shapes from memory tests our side of the contract. Everything of our own (Elasticsearch, Redis,
 * Kafka, the app) is real.
 */
export class UpstreamStandIn {
  readonly products = new Map<string, ProductSnapshot>();
  /** Served by id but left out of the list, as when a deletion shifts the pages under a reader. */
  readonly hiddenFromList = new Set<string>();
  readonly categories: CategoryNode[] = [];
  readonly stock = new Map<string, number>();
  inventoryUp = true;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const send = (status: number, body?: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const productMatch = /^\/api\/products\/([^/]+)$/.exec(url.pathname);
      const stockMatch = /^\/api\/inventory\/([^/]+)$/.exec(url.pathname);
      if (url.pathname === '/api/products') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const listed = [...this.products.values()].filter((p) => p.active && !this.hiddenFromList.has(p.id));
        return send(200, {
          items: listed.slice((page - 1) * limit, page * limit),
          page,
          limit,
          total: listed.length,
        });
      }
      if (productMatch) {
        const found = this.products.get(decodeURIComponent(productMatch[1]!));
        return found ? send(200, found) : send(404, { status: 404, title: 'Not Found' });
      }
      if (url.pathname === '/api/categories') return send(200, this.categories);
      if (stockMatch) {
        if (!this.inventoryUp) return send(503, { status: 503, title: 'Service Unavailable' });
        const productId = decodeURIComponent(stockMatch[1]!);
        const available = this.stock.get(productId);
        return available === undefined
          ? send(404, { status: 404 })
          : send(200, { productId, available, reserved: 0, warehouses: [] });
      }
      return send(404, { status: 404 });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  addCategory(id: string, name: string): void {
    this.categories.push({ id, name, slug: name.toLowerCase(), parentId: null, children: [] });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
