import type { UpstreamClient } from '@ecommerce/http';

/** inventory-service's `GET /api/inventory/:productId`, read by a rebuild for the current stock. */
export class StockSource {
  constructor(private readonly client: UpstreamClient) {}

  /** Units available to sell, or undefined when inventory has no stock record for the product. */
  async available(productId: string): Promise<number | undefined> {
    const answer = await this.client.lookup(`/api/inventory/${encodeURIComponent(productId)}`, (body) => {
      const available = (body as { available?: unknown } | null)?.available;
      if (typeof available !== 'number' || !Number.isInteger(available))
        throw new Error('no integer "available"');
      return available;
    });
    return answer.found ? answer.value : undefined;
  }
}
