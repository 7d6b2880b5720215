import { flattenCategories } from './category-tree';

describe('flattenCategories', () => {
  it('collects every level of the tree', () => {
    const tree = [
      {
        id: 'a',
        name: 'Audio',
        slug: 'audio',
        parentId: null,
        children: [{ id: 'b', name: 'Headphones', children: [{ id: 'c', name: 'In-ear', children: [] }] }],
      },
      { id: 'd', name: 'Garden', children: [] },
    ];
    expect(Object.fromEntries(flattenCategories(tree))).toEqual({
      a: 'Audio',
      b: 'Headphones',
      c: 'In-ear',
      d: 'Garden',
    });
  });

  it('accepts a page of categories and skips malformed nodes', () => {
    const names = flattenCategories({
      items: [{ id: 'a', name: 'Audio' }, { id: 7, name: 'x' }, null, 'junk', { id: 'b' }],
    });
    expect(Object.fromEntries(names)).toEqual({ a: 'Audio' });
    expect(flattenCategories('nonsense').size).toBe(0);
  });
});
