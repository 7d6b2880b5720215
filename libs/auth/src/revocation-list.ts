import type { Role } from '@ecommerce/contracts';

/** What the deny list needs to know about a verified access token. */
export interface IssuedToken {
  userId: string;
  /** When the token was issued, in ms since the epoch. */
  issuedAtMs: number;
  roles: readonly Role[];
}

interface Entry {
  /** Tokens issued before this instant (ms) are refused; 0 when only the roles are pinned. */
  revokedBeforeMs: number;
  /** The user's roles since `rolesSinceMs`; tokens carrying other roles are refused. */
  roles?: readonly string[];
  rolesSinceMs: number;
  /** After this instant no token the entry could refuse is still alive: the entry is dropped. */
  expiresAtMs: number;
}

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The in-memory deny list of access tokens, keyed by user. Checking a token is a map lookup, so
 * refusing revoked tokens costs no network call per request. An entry lives one access-token
 * lifetime (plus the clock tolerance): by then every token it could refuse has expired anyway.
 */
export class RevocationList {
  private readonly entries = new Map<string, Entry>();
  private readonly lifetimeMs: number;

  constructor(
    accessTokenTtlSeconds: number,
    clockToleranceSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lifetimeMs = (accessTokenTtlSeconds + clockToleranceSeconds) * 1_000;
  }

  /** Every token of the user issued before `revokedBeforeMs` is refused (logout, token theft, admin). */
  revokeSessions(userId: string, revokedBeforeMs: number): void {
    const entry = this.entryFor(userId);
    entry.revokedBeforeMs = Math.max(entry.revokedBeforeMs, revokedBeforeMs);
    entry.expiresAtMs = Math.max(entry.expiresAtMs, revokedBeforeMs + this.lifetimeMs);
  }

  /** The user's roles changed at `changedAtMs`: tokens with other roles are refused, the user refreshes. */
  changeRoles(userId: string, roles: readonly string[], changedAtMs: number): void {
    const entry = this.entryFor(userId);
    if (changedAtMs < entry.rolesSinceMs) return; // an older change arriving late must not win
    entry.roles = [...roles];
    entry.rolesSinceMs = changedAtMs;
    entry.expiresAtMs = Math.max(entry.expiresAtMs, changedAtMs + this.lifetimeMs);
  }

  /** Why the token must be refused, or undefined when it may be used. */
  refusalOf(token: IssuedToken): 'revoked' | 'roles-changed' | undefined {
    const entry = this.entries.get(token.userId);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(token.userId);
      return undefined;
    }
    if (token.issuedAtMs < entry.revokedBeforeMs) return 'revoked';
    if (entry.roles && !sameRoles(entry.roles, token.roles)) return 'roles-changed';
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops entries that can no longer refuse a live token (called on a timer by the consumer). */
  prune(): void {
    const now = this.now();
    for (const [userId, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(userId);
  }

  private entryFor(userId: string): Entry {
    let entry = this.entries.get(userId);
    if (!entry) {
      entry = { revokedBeforeMs: 0, rolesSinceMs: 0, expiresAtMs: 0 };
      this.entries.set(userId, entry);
    }
    return entry;
  }
}
