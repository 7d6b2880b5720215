interface CategoryLike {
  id?: unknown;
  name?: unknown;
  children?: unknown;
}

/**
 * Category id -> name from product-service's tree (`[{id, name, slug, parentId, children}]`, or a
 * page `{items}` of them), every level included. Malformed nodes are skipped rather than trusted.
 */
export function flattenCategories(tree: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const roots = Array.isArray(tree)
    ? tree
    : Array.isArray((tree as { items?: unknown } | null)?.items)
      ? (tree as { items: unknown[] }).items
      : [];
  const pending: unknown[] = [...roots];
  while (pending.length > 0) {
    const node = pending.pop() as CategoryLike | null;
    if (typeof node !== 'object' || node === null) continue;
    if (typeof node.id === 'string' && typeof node.name === 'string') names.set(node.id, node.name);
    if (Array.isArray(node.children)) pending.push(...(node.children as unknown[]));
  }
  return names;
}
