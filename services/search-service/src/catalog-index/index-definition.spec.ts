import { isIndexOf, newIndexName, PRODUCT_MAPPINGS, productIndexSettings } from './index-definition';

describe('index naming', () => {
  it('names indices after the alias with a timestamp and recognises only its own family', () => {
    const name = newIndexName('products', new Date(1_767_225_600_000));
    expect(name).toBe('products-v1767225600000');
    expect(isIndexOf('products', name)).toBe(true);
    expect(isIndexOf('products', 'products-test-v1')).toBe(false);
    expect(isIndexOf('products-test', 'products-v1')).toBe(false);
    expect(isIndexOf('products', 'products-v1-old')).toBe(false);
  });
});

describe('index settings', () => {
  it('uses stemming and accent folding only where the node has them', () => {
    const full = productIndexSettings('full', { refreshIntervalMs: 1_000, replicas: 0 });
    const core = productIndexSettings('core', { refreshIntervalMs: 1_000, replicas: 0 });
    expect(JSON.stringify(full.analysis)).toContain('asciifolding');
    expect(JSON.stringify(core.analysis)).not.toContain('asciifolding');
    expect(core.refresh_interval).toBe('1000ms');
  });

  it('maps every field explicitly and refuses unknown ones', () => {
    expect(PRODUCT_MAPPINGS.dynamic).toBe('strict');
    expect(PRODUCT_MAPPINGS.properties?.priceAmount).toEqual({ type: 'long' });
    expect(PRODUCT_MAPPINGS.properties?.categoryId).toEqual({ type: 'keyword' });
  });
});
