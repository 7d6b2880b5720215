import { getJson, UpstreamError } from './http-json';

/** inventory-service's `GET /api/inventory/:productId`, read by a rebuild for the current stock. */
export class StockSource {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** Units available to sell, or undefined when inventory has no stock record for the product. */
  async available(productId: string): Promise<number | undefined> {
    const url = `${this.baseUrl}/api/inventory/${encodeURIComponent(productId)}`;
    let body: unknown;
    try {
      body = await getJson(url, this.timeoutMs);
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) return undefined;
      throw error;
    }
    const available = (body as { available?: unknown } | null)?.available;
    if (typeof available !== 'number' || !Number.isInteger(available))
      throw new UpstreamError(`GET ${url} answered without an integer "available"`);
    return available;
  }
}
