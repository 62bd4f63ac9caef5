// The keys app access tokens are signed with (ES256), kept in the database so that every node signs
// and verifies with the same ones: the newest unretired key signs; after signingKeyRotationDays a new
// one is made (under a transaction-scoped advisory lock, so concurrent nodes make one) and the old one
// is retired, yet published (GET /v1/oauth/jwks) and accepted until every token it signed has expired.
// Private keys are stored sealed (platform/auth/sealing.ts). Each node keeps the public keys in memory
// and reads them again for a key ID it does not know, or after a minute.
import { desc, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../../../db/index.js';
import type { Sealer } from '../../../platform/auth/sealing.js';
import type { Jwks } from './contract.js';
import { deletableRetiredBefore, publishedRetiredSince, signingKeyIsStale } from './rules.js';
import { oauthSigningKeys } from './schema.js';

export const signingAlgorithm = 'ES256';
/** Serialises key rotation across nodes (pg_advisory_xact_lock); migrations hold 7243190. */
const rotationLock = 7243191;
const cacheMilliseconds = 60_000;

type PublicKeyEntry = { key: CryptoKey; retiredAt: Date | null };

export interface SigningKeys {
  /** The key that signs now (a new one when the current one is older than the rotation period). */
  current(now?: Date): Promise<{ kid: string; key: CryptoKey }>;
  /** The public key of a published key ID, or undefined (the token is then refused). */
  verificationKey(kid: string, now?: Date): Promise<CryptoKey | undefined>;
  /** Every published public key (RFC 7517). */
  jwks(now?: Date): Promise<Jwks>;
}

export function signingKeys(db: Db, box: Sealer): SigningKeys {
  const privateKeys = new Map<string, CryptoKey>();
  let publicKeys = new Map<string, PublicKeyEntry>();
  let loadedAt = 0;
  let loading: Promise<void> | undefined;

  const published = (now: Date) => or(isNull(oauthSigningKeys.retiredAt), gt(oauthSigningKeys.retiredAt, publishedRetiredSince(now)));

  async function load(now: Date) {
    const rows = await db.select({ kid: oauthSigningKeys.kid, publicJwk: oauthSigningKeys.publicJwk, retiredAt: oauthSigningKeys.retiredAt }).from(oauthSigningKeys).where(published(now));
    const next = new Map<string, PublicKeyEntry>();
    for (const row of rows) next.set(row.kid, { key: (await importJWK(row.publicJwk as JWK, signingAlgorithm)) as CryptoKey, retiredAt: row.retiredAt });
    publicKeys = next;
    loadedAt = Date.now();
  }

  /** One reload at a time, however many requests ask for an unknown key ID at once. */
  function reload(now: Date) {
    loading ??= load(now).finally(() => (loading = undefined));
    return loading;
  }

  async function privateKeyOf(kid: string, sealed: string) {
    let key = privateKeys.get(kid);
    if (!key) {
      key = (await importJWK(JSON.parse(box.open(sealed)) as JWK, signingAlgorithm)) as CryptoKey;
      privateKeys.set(kid, key);
    }
    return key;
  }

  async function currentRow(q: Pick<Db, 'select'>) {
    const [row] = await q
      .select({ kid: oauthSigningKeys.kid, createdAt: oauthSigningKeys.createdAt, privateJwkSealed: oauthSigningKeys.privateJwkSealed })
      .from(oauthSigningKeys)
      .where(isNull(oauthSigningKeys.retiredAt))
      .orderBy(desc(oauthSigningKeys.createdAt))
      .limit(1);
    return row;
  }

  async function rotate(now: Date) {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${rotationLock})`);
      // Another node may have made the new key while this one waited for the lock.
      const fresh = await currentRow(tx);
      if (fresh && !signingKeyIsStale(fresh.createdAt, now)) return fresh;
      const { publicKey, privateKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      await tx.update(oauthSigningKeys).set({ retiredAt: now }).where(isNull(oauthSigningKeys.retiredAt));
      await tx.delete(oauthSigningKeys).where(lt(oauthSigningKeys.retiredAt, deletableRetiredBefore(now)));
      const [row] = await tx
        .insert(oauthSigningKeys)
        .values({ kid, algorithm: signingAlgorithm, publicJwk: { ...publicJwk, kid, alg: signingAlgorithm, use: 'sig' }, privateJwkSealed: box.seal(JSON.stringify(await exportJWK(privateKey))), createdAt: now })
        .returning({ kid: oauthSigningKeys.kid, createdAt: oauthSigningKeys.createdAt, privateJwkSealed: oauthSigningKeys.privateJwkSealed });
      return row!;
    });
  }

  return {
    async current(now = new Date()) {
      let row = await currentRow(db);
      if (!row || signingKeyIsStale(row.createdAt, now)) row = await rotate(now);
      return { kid: row.kid, key: await privateKeyOf(row.kid, row.privateJwkSealed) };
    },

    async verificationKey(kid, now = new Date()) {
      if (!publicKeys.has(kid) || Date.now() - loadedAt > cacheMilliseconds) await reload(now);
      const entry = publicKeys.get(kid);
      if (!entry) return undefined;
      // A retired key verifies only while a token it signed can still be valid.
      if (entry.retiredAt && entry.retiredAt <= publishedRetiredSince(now)) return undefined;
      return entry.key;
    },

    async jwks(now = new Date()) {
      const rows = await db.select({ publicJwk: oauthSigningKeys.publicJwk }).from(oauthSigningKeys).where(published(now)).orderBy(desc(oauthSigningKeys.createdAt));
      return { keys: rows.map((r) => r.publicJwk as Jwks['keys'][number]) };
    },
  };
}

