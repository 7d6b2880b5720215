/** A category as the API shows it: the tree is built from these, children sorted by name. */
export interface CategoryNode {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  children: CategoryNode[];
}

export interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
}

const byName = (a: CategoryNode, b: CategoryNode): number =>
  a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug, 'en');

/**
 * Builds the forest from flat rows in one pass. A row whose parent is missing becomes a root rather
 * than vanishing (the schema prevents it; the tree must not hide a category if it ever happens).
 */
export function buildCategoryTree(rows: readonly CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(rows.map((row) => [row.id, { ...row, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (level: CategoryNode[]): CategoryNode[] => {
    level.sort(byName);
    for (const node of level) sort(node.children);
    return level;
  };
  return sort(roots);
}
