import argon2 from 'argon2';

/** argon2id with OWASP's recommended cost (19 MiB, 2 passes); the parameters travel in the hash. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PasswordHasher = {
  hash: (password: string): Promise<string> => argon2.hash(password, OPTIONS),

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  },
};

/**
 * Verified against when the email is unknown, so a login for a missing account costs the same
 * time as one for an existing account and does not reveal which emails are registered.
 */
export const DECOY_HASH = argon2.hash('decoy-password-never-used', OPTIONS);
