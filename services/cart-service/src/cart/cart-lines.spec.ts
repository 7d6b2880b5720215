import { hashFromPairs, linesFromHash } from './cart-lines';

describe('linesFromHash', () => {
  it('lists the lines oldest first and skips bookkeeping fields', () => {
    const lines = linesFromHash({
      createdAt: '1',
      'q:b': '2',
      't:b': '200',
      'q:a': '5',
      't:a': '100',
      'q:c': '1',
      't:c': '200',
    });
    expect(lines).toEqual([
      { productId: 'a', quantity: 5, addedAt: 100 },
      { productId: 'b', quantity: 2, addedAt: 200 },
      { productId: 'c', quantity: 1, addedAt: 200 },
    ]);
  });

  it('ignores quantities that are not positive integers', () => {
    expect(linesFromHash({ 'q:a': '0', 'q:b': '-1', 'q:c': 'x', 'q:d': '1.5', 'q:e': '3' })).toEqual([
      { productId: 'e', quantity: 3, addedAt: 0 },
    ]);
  });
});

describe('hashFromPairs', () => {
  it('turns a flat field/value list into an object', () => {
    expect(hashFromPairs(['q:a', '1', 't:a', '5'])).toEqual({ 'q:a': '1', 't:a': '5' });
    expect(hashFromPairs([])).toEqual({});
  });
});
