import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Tx } from '@ecommerce/database';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

async function fromPrivatePem(pem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem);
  const publicJwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
}

/**
 * The RS256 key that signs access tokens. A configured PEM wins (production). Otherwise the first
 * replica to start generates one and stores it, and every replica and restart reuses it, so tokens
 * stay valid across restarts of a development or test stack.
 */
export async function loadSigningKey(tx: Tx, configuredPem: string | undefined): Promise<SigningKey> {
  if (configuredPem) return fromPrivatePem(configuredPem.replace(/\\n/g, '\n'));

  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('user-service:signing-key'))`);
  const [stored] = await tx.query(`SELECT private_key_pem FROM signing_keys ORDER BY created_at DESC LIMIT 1`);
  if (stored) return fromPrivatePem(stored.private_key_pem as string);

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = await fromPrivatePem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await tx.query(`INSERT INTO signing_keys (kid, private_key_pem, public_jwk) VALUES ($1, $2, $3)`, [
    key.kid,
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    JSON.stringify(key.publicJwk),
  ]);
  return key;
}
