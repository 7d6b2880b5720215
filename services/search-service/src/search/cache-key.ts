import { createHash } from 'node:crypto';

export type CacheParams = Record<string, string | number | boolean | undefined>;

/**
 * One key per distinct question: parameters sorted by name, absent ones dropped, so `?a=1&b=2` and
 * `?b=2&a=1` share an answer. The text must already be normalised (see normalizeQueryText).
 */
export function cacheKeyFor(endpoint: string, params: CacheParams): string {
  const canonical = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return createHash('sha256').update(`${endpoint}?${canonical}`).digest('base64url');
}

/** Trimmed, lowercased, inner whitespace collapsed: the analyzers ignore case and spacing anyway. */
export const normalizeQueryText = (text: string | undefined): string =>
  (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
