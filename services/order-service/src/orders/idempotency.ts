import { createHash } from 'node:crypto';

/** Header value rules: visible ASCII, 1..200 characters (a UUID fits easily). */
const KEY = /^[\x21-\x7e]{1,200}$/;

export const isValidIdempotencyKey = (key: unknown): key is string =>
  typeof key === 'string' && KEY.test(key);

/** JSON with object keys sorted at every level, so the same body always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical body: a retry with the same body matches whatever its key order or spacing. */
export const requestHash = (body: unknown): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');
