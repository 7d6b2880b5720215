import { buildCategoryTree } from './category-tree';

const row = (id: string, name: string, parentId: string | null = null) => ({
  id,
  name,
  slug: name.toLowerCase(),
  parentId,
});

describe('buildCategoryTree', () => {
  it('nests children under their parents, every level sorted by name', () => {
    const tree = buildCategoryTree([
      row('k', 'Kitchen', 'h'),
      row('e', 'Electronics'),
      row('l', 'Laptops', 'e'),
      row('h', 'Home'),
      row('hp', 'Headphones', 'e'),
      row('g', 'Gaming', 'l'),
      row('b', 'Books'),
    ]);
    expect(tree.map((node) => node.name)).toEqual(['Books', 'Electronics', 'Home']);
    const electronics = tree[1];
    expect(electronics.children.map((node) => node.name)).toEqual(['Headphones', 'Laptops']);
    expect(electronics.children[1].children).toEqual([
      { id: 'g', name: 'Gaming', slug: 'gaming', parentId: 'l', children: [] },
    ]);
    expect(tree[2]).toEqual({
      id: 'h',
      name: 'Home',
      slug: 'home',
      parentId: null,
      children: [{ id: 'k', name: 'Kitchen', slug: 'kitchen', parentId: 'h', children: [] }],
    });
  });

  it('keeps a category whose parent is missing, as a root', () => {
    expect(buildCategoryTree([row('x', 'Orphan', 'gone')]).map((node) => node.id)).toEqual(['x']);
  });

  it('is empty for no categories and does not change its input', () => {
    expect(buildCategoryTree([])).toEqual([]);
    const rows = [row('a', 'A'), row('b', 'B', 'a')];
    buildCategoryTree(rows);
    expect(rows[0]).not.toHaveProperty('children');
  });
});
