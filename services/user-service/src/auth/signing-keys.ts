import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Tx } from '@ecommerce/database';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** The key that signs new tokens and the public keys that verify them (current first, then previous). */
export interface SigningKeys {
  current: SigningKey;
  publicJwks: JWK[];
}

const pem = (value: string): string => value.replace(/\\n/g, '\n');

/** A public JWK with its thumbprint as `kid`, from any PEM (a private key's public half, or a public key). */
async function publicJwkOf(key: KeyObject): Promise<JWK> {
  const jwk = await exportJWK(key.type === 'private' ? createPublicKey(key) : key);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

async function fromPrivatePem(privatePem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem(privatePem));
  const publicJwk = await publicJwkOf(privateKey);
  return { kid: publicJwk.kid!, privateKey, publicJwk };
}

function withPrevious(current: SigningKey, previous: JWK | undefined): SigningKeys {
  const publicJwks = [current.publicJwk];
  if (previous && previous.kid !== current.kid) publicJwks.push(previous);
  return { current, publicJwks };
}

const generatePrivatePem = (): string =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

async function storeKey(tx: Tx, privatePem: string): Promise<SigningKey> {
  const key = await fromPrivatePem(privatePem);
  await tx.query(`INSERT INTO signing_keys (kid, private_key_pem, public_jwk) VALUES ($1, $2, $3)`, [
    key.kid,
    privatePem,
    JSON.stringify(key.publicJwk),
  ]);
  return key;
}

/**
 * The RS256 keys of access tokens. Configured PEMs win (production: rotating means deploying the new
 * `JWT_PRIVATE_KEY` with the old one as `JWT_PREVIOUS_PUBLIC_KEY`). Otherwise the keys live in the
 * `signing_keys` table: the first replica to start generates one; if a newer row is added, replicas
 * sign with it from their next start while the one before it still verifies.
 */
export async function loadSigningKeys(
  tx: Tx,
  configuredPem: string | undefined,
  previousPem?: string,
): Promise<SigningKeys> {
  if (configuredPem) {
    const previous = previousPem ? await publicJwkOf(createPublicKey(pem(previousPem))) : undefined;
    return withPrevious(await fromPrivatePem(configuredPem), previous);
  }

  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('user-service:signing-key'))`);
  const stored: { private_key_pem: string; public_jwk: JWK }[] = await tx.query(
    `SELECT private_key_pem, public_jwk FROM signing_keys ORDER BY created_at DESC, kid LIMIT 2`,
  );
  const [newest, previous] = stored;
  if (!newest) return withPrevious(await storeKey(tx, generatePrivatePem()), undefined);
  return withPrevious(await fromPrivatePem(newest.private_key_pem), previous?.public_jwk);
}
