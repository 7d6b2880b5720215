import { cacheKeyFor, normalizeQueryText } from './cache-key';

describe('cacheKeyFor', () => {
  it('ignores the order of parameters and drops absent ones', () => {
    expect(cacheKeyFor('search', { q: 'a', page: 1, inStock: undefined })).toBe(
      cacheKeyFor('search', { page: 1, q: 'a' }),
    );
  });

  it('tells different questions and endpoints apart', () => {
    expect(cacheKeyFor('search', { q: 'a', page: 1 })).not.toBe(cacheKeyFor('search', { q: 'a', page: 2 }));
    expect(cacheKeyFor('search', { q: 'a' })).not.toBe(cacheKeyFor('suggest', { q: 'a' }));
    expect(cacheKeyFor('search', { q: 'a&page=2' })).not.toBe(cacheKeyFor('search', { q: 'a', page: 2 }));
    expect(cacheKeyFor('search', { inStock: false })).not.toBe(cacheKeyFor('search', {}));
  });
});

describe('normalizeQueryText', () => {
  it('trims, lowercases and collapses whitespace', () => {
    expect(normalizeQueryText('  Wireless \t HEADPHONES \n')).toBe('wireless headphones');
    expect(normalizeQueryText(undefined)).toBe('');
  });
});
