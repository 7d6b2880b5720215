import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '@ecommerce/database';

/** Refresh tokens are opaque random strings; only their SHA-256 is stored, so a database leak yields no usable token. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

export type RotationOutcome =
  | { kind: 'rotated'; userId: string; familyId: string }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

export const RefreshTokens = {
  async issue(
    tx: Tx,
    userId: string,
    familyId: string | undefined,
    ttlDays: number,
  ): Promise<{ token: string; familyId: string }> {
    const token = newRefreshToken();
    const family = familyId ?? randomUUID();
    await tx.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [userId, family, hashRefreshToken(token), ttlDays],
    );
    return { token, familyId: family };
  },

  /**
   * Spends a refresh token. The conditional UPDATE makes spending atomic: of two concurrent
   * refreshes with one token exactly one wins; the other is treated as reuse.
   */
  async spend(tx: Tx, token: string): Promise<RotationOutcome> {
    const hash = hashRefreshToken(token);
    const [spent] = await tx.query(
      // Wrapped in a CTE so the driver hands back the returned rows rather than an affected-row count.
      `WITH spent AS (
         UPDATE refresh_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, family_id)
       SELECT user_id, family_id FROM spent`,
      [hash],
    );
    if (spent) return { kind: 'rotated', userId: spent.user_id, familyId: spent.family_id };
    const [known] = await tx.query(
      `SELECT user_id, family_id, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    if (known && (known.used_at || known.revoked_at))
      return { kind: 'reused', userId: known.user_id, familyId: known.family_id };
    return { kind: 'invalid' };
  },

  async revokeFamily(tx: Tx, familyId: string): Promise<void> {
    await tx.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  },

  async familyOf(tx: Tx, token: string, userId: string): Promise<string | undefined> {
    const [row] = await tx.query(
      `SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`,
      [hashRefreshToken(token), userId],
    );
    return row?.family_id;
  },
};
