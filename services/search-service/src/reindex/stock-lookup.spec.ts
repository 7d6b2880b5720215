import { composeDocument, stockFacts } from '../catalog-index/product-document';
import { UpstreamError } from '@ecommerce/http';
import type { StockSource } from '../upstream/stock-source';
import { StockLookup } from './stock-lookup';

const source = (answer: (id: string) => Promise<number | undefined>) => {
  const available = jest.fn(answer);
  return { available, source: { available } as unknown as StockSource };
};

describe('StockLookup', () => {
  it('reads stock from inventory, dated back so slightly earlier events still win', async () => {
    const { source: stock } = source(async () => 3);
    const before = Date.now();
    const { stock: facts, origin } = await new StockLookup(stock).stockOf('p1', undefined);
    expect(origin).toBe('inventory');
    expect(facts?.inStock).toBe(true);
    expect(facts!.version).toBeLessThan(before);
  });

  it('keeps the old index value (with its version) when inventory has no record', async () => {
    const { source: stock } = source(async () => undefined);
    const old = composeDocument('p1', undefined, stockFacts(5, 123));
    expect(await new StockLookup(stock).stockOf('p1', old)).toEqual({
      stock: { inStock: true, version: 123 },
      origin: 'previous-index',
    });
    expect(await new StockLookup(stock).stockOf('p1', undefined)).toEqual({ origin: 'unknown' });
  });

  it('stops asking an unreachable inventory after three failures in a row', async () => {
    const { available, source: stock } = source(async () => {
      throw new UpstreamError('inventory-service', 'network_error', 'connection refused');
    });
    const lookup = new StockLookup(stock);
    for (let i = 0; i < 5; i += 1) await lookup.stockOf(`p${i}`, undefined);
    expect(available).toHaveBeenCalledTimes(3);
  });
});
