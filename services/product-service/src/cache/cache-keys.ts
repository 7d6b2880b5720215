/** What a cached answer depends on: a change to any of these invalidates it. */
export interface ListKeyQuery {
  page: number;
  limit: number;
  categoryId?: string;
  currency: string;
}

/**
 * Every Redis key of the read cache. All of them share one hash tag (`{prefix}`), so on a Redis
 * Cluster an MGET of an entry and its version counters stays on one node.
 */
export class CacheKeys {
  private readonly root: string;

  constructor(prefix: string) {
    this.root = `{${prefix}}`;
  }

  // Version counters, INCR'd by writes (see catalog-cache.ts).
  productVersion = (productId: string): string => `${this.root}:ver:product:${productId}`;
  readonly listVersion = (): string => `${this.root}:ver:lists`;
  readonly fxVersion = (): string => `${this.root}:ver:fx`;
  readonly categoriesVersion = (): string => `${this.root}:ver:categories`;

  // Entries: one per distinct answer.
  product = (productId: string, currency: string): string => `${this.root}:product:${productId}:${currency}`;
  list = (query: ListKeyQuery): string =>
    `${this.root}:list:${query.currency}:${query.categoryId ?? 'all'}:${query.page}:${query.limit}`;
  readonly categoryTree = (): string => `${this.root}:categories`;
  readonly fxRates = (): string => `${this.root}:fx-rates`;

  /** Everything of this prefix, for tests and operators (`SCAN MATCH`). */
  readonly pattern = (): string => `${this.root}:*`;
}

/** A version counter that does not exist yet reads as this; see `stampOf`. */
export type Version = string | null;

const SEPARATOR = '|';
const NOT_FOUND = '-';

/**
 * The stamp an entry carries: the versions its reader saw before reading PostgreSQL. `null` when a
 * counter is missing (never created yet, or lost with a Redis restart): such an answer is served but
 * not cached until the counter exists again.
 */
export function stampOf(versions: readonly Version[]): string | null {
  if (versions.some((version) => version === null)) return null;
  return versions.join(':');
}

/** `stamp|payload`, or `stamp|-` for "no such thing" (a negative entry, so 404s stay cheap). */
export function encodeEntry(stamp: string, payload: string | null): string {
  return `${stamp}${SEPARATOR}${payload ?? NOT_FOUND}`;
}

export type EntryLookup = { hit: true; payload: string | null } | { hit: false };

/** An entry is a hit only when its stamp equals the current versions exactly. */
export function decodeEntry(raw: string | null | undefined, currentStamp: string | null): EntryLookup {
  if (raw === null || raw === undefined || currentStamp === null) return { hit: false };
  const cut = raw.indexOf(SEPARATOR);
  if (cut < 0 || raw.slice(0, cut) !== currentStamp) return { hit: false };
  const payload = raw.slice(cut + 1);
  return { hit: true, payload: payload === NOT_FOUND ? null : payload };
}
