import type { Money } from '@ecommerce/contracts';
import { ProductErrors } from './products.errors';

export const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_KEY = 64;
const MAX_ATTRIBUTE_TEXT = 500;
const MAX_ATTRIBUTE_LIST = 50;

/** The editable fields of a product, as the domain sees them. */
export interface ProductFields {
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  price: Money;
  prices: Money[];
  images: string[];
  attributes: Record<string, unknown>;
}

export type ProductPatch = Partial<ProductFields>;

const isScalar = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.length <= MAX_ATTRIBUTE_TEXT
    : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * Attributes are flat facts a shop filters and shows ("color": "black", "wireless": true,
 * "sizes": ["S", "M"]): scalars or lists of scalars, so search can facet on them. Returns the
 * problems, empty when fine.
 */
export function attributeProblems(attributes: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) problems.push(`at most ${MAX_ATTRIBUTES} attributes`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_ATTRIBUTE_KEY)
      problems.push(`attribute names have 1 to ${MAX_ATTRIBUTE_KEY} characters`);
    const ok = Array.isArray(value)
      ? value.length <= MAX_ATTRIBUTE_LIST && value.every(isScalar)
      : isScalar(value);
    if (!ok)
      problems.push(
        `"${key}" must be a string (up to ${MAX_ATTRIBUTE_TEXT} characters), a number, a boolean or a list of those`,
      );
  }
  return problems;
}

/**
 * Checks the base price and the explicit prices together and returns the explicit prices in their
 * stored order (by currency). The base price is in the base currency (422 otherwise, the rule comes
 * from configuration); each other currency appears at most once and never the base one (400).
 */
export function checkPricing(price: Money, prices: readonly Money[], baseCurrency: string): Money[] {
  if (price.currency !== baseCurrency) throw ProductErrors.priceNotInBaseCurrency(baseCurrency);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { currency } of prices) {
    if (currency === baseCurrency) problems.push(`${currency} is the base currency: set it with \`price\``);
    else if (seen.has(currency)) problems.push(`${currency} appears more than once`);
    seen.add(currency);
  }
  if (problems.length) throw ProductErrors.invalid({ prices: problems });
  return prices
    .map(({ amount, currency }) => ({ amount, currency }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** JSON with object keys sorted, so two values compare equal whatever their key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

/**
 * The fields a PATCH really changes (`undefined` when none): a PATCH that changes nothing writes
 * nothing and publishes no product.updated.
 */
export function changesOf(current: ProductFields, patch: ProductPatch): ProductPatch | undefined {
  const changes: ProductPatch = {};
  for (const key of Object.keys(patch) as (keyof ProductFields)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    if (canonicalJson(next) !== canonicalJson(current[key])) Object.assign(changes, { [key]: next });
  }
  return Object.keys(changes).length ? changes : undefined;
}
