/** One line as stored: how many of a product, and when it was first added (for a stable order). */
export interface CartLine {
  productId: string;
  quantity: number;
  addedAt: number;
}

/** Most units of one product a cart line may hold (order-service accepts 1..999 per line). */
export const MAX_LINE_QUANTITY = 999;

/**
 * Most lines (distinct products) one cart may hold: a cart lives in Redis, where no eviction may
 * touch it, so an anonymous client must not be able to grow one without bound.
 */
export const MAX_CART_LINES = 100;

export const quantityField = (productId: string): string => `q:${productId}`;
export const addedAtField = (productId: string): string => `t:${productId}`;

/**
 * Reads the lines out of a cart hash (`q:<productId>` -> quantity, `t:<productId>` -> first added,
 * plus bookkeeping fields), oldest first. Anything that is not a positive quantity is ignored.
 */
export function linesFromHash(fields: Record<string, string>): CartLine[] {
  const lines: CartLine[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith('q:')) continue;
    const productId = field.slice(2);
    const quantity = Number(value);
    if (!Number.isSafeInteger(quantity) || quantity <= 0) continue;
    const addedAt = Number(fields[addedAtField(productId)] ?? 0);
    lines.push({ productId, quantity, addedAt: Number.isFinite(addedAt) ? addedAt : 0 });
  }
  return lines.sort((a, b) => a.addedAt - b.addedAt || a.productId.localeCompare(b.productId));
}

/** Redis answers HGETALL inside a script as a flat [field, value, ...] list. */
export function hashFromPairs(pairs: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) fields[pairs[i] as string] = pairs[i + 1] as string;
  return fields;
}
