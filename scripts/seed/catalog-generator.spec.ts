import { generateCatalog } from './catalog-generator';
import { CATEGORIES, PRODUCT_KINDS } from './catalog-vocabulary';
import { SeededRandom } from './random';

describe('generateCatalog', () => {
  const catalog = generateCatalog({ seed: 20_240_601, count: 300 });

  it('is the same on every run, and a larger run extends a smaller one', () => {
    expect(generateCatalog({ seed: 20_240_601, count: 300 })).toEqual(catalog);
    expect(generateCatalog({ seed: 20_240_601, count: 50 }).products).toEqual(catalog.products.slice(0, 50));
    expect(generateCatalog({ seed: 7, count: 300 }).products.map((p) => p.name)).not.toEqual(
      catalog.products.map((p) => p.name),
    );
  });

  it('gives every product a unique SKU and name', () => {
    expect(new Set(catalog.products.map((p) => p.sku.toLowerCase())).size).toBe(300);
    expect(new Set(catalog.products.map((p) => p.name)).size).toBe(300);
    for (const product of catalog.products) expect(product.sku).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
  });

  it('builds a category tree whose parents come before their children', () => {
    const seen = new Set<string>();
    for (const category of CATEGORIES) {
      if (category.parentSlug) expect(seen.has(category.parentSlug)).toBe(true);
      expect(category.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      seen.add(category.slug);
    }
    expect(new Set(catalog.products.map((p) => p.categorySlug)).size).toBe(PRODUCT_KINDS.length);
    for (const product of catalog.products) expect(seen.has(product.categorySlug)).toBe(true);
  });

  it('prices in integer EUR cents, with some explicit USD and GBP prices', () => {
    for (const product of catalog.products) {
      expect(product.price.currency).toBe('EUR');
      expect(Number.isSafeInteger(product.price.amount) && product.price.amount > 0).toBe(true);
      for (const price of product.prices) {
        expect(['USD', 'GBP']).toContain(price.currency);
        expect(Number.isSafeInteger(price.amount) && price.amount > 0).toBe(true);
      }
    }
    const withUsd = catalog.products.filter((p) => p.prices.some((price) => price.currency === 'USD')).length;
    expect(withUsd).toBeGreaterThan(60);
    expect(withUsd).toBeLessThan(160);
  });

  it('fills in descriptions, placeholder images, flat attributes and stock', () => {
    for (const product of catalog.products) {
      expect(product.description.length).toBeGreaterThan(40);
      expect(product.images.length).toBeGreaterThanOrEqual(1);
      for (const image of product.images) expect(image).toMatch(/^https:\/\/example\.com\/images\//);
      for (const value of Object.values(product.attributes)) {
        expect(
          Array.isArray(value)
            ? value.every((item) => typeof item === 'string')
            : ['string', 'number', 'boolean'].includes(typeof value),
        ).toBe(true);
      }
      expect(Number.isSafeInteger(product.onHand) && product.onHand >= 0).toBe(true);
    }
    expect(catalog.products.some((p) => p.onHand === 0)).toBe(true);
    expect(catalog.products[0].name).toMatch(/\S+ \S+/);
  });
});

describe('SeededRandom', () => {
  it('repeats for one seed and stays in range', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const drawn = Array.from({ length: 1_000 }, () => a.int(3, 7));
    expect(drawn).toEqual(Array.from({ length: 1_000 }, () => b.int(3, 7)));
    expect(Math.min(...drawn)).toBe(3);
    expect(Math.max(...drawn)).toBe(7);
    expect(new SeededRandom(2).sample([1, 2, 3, 4], 4).sort()).toEqual([1, 2, 3, 4]);
  });
});
