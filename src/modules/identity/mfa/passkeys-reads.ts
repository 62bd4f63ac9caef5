// Passkey reads shared by the passkey operations and the rest of mfa/ (GET /v1/me/mfa, the sign-in's
// methods, "has a second factor"): a user's passkeys, how many, and the passkey a credential ID names.
import { asc, count, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import type { Passkey } from './passkeys-contract.js';
import { passkeyView, type PasskeyRow } from './passkeys-views.js';
import { passkeys } from './schema.js';

export async function passkeysOf(q: Queryable, userId: string): Promise<PasskeyRow[]> {
  return q.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** The user's passkeys as GET /v1/me/mfa lists them. */
export async function passkeyViews(q: Queryable, userId: string): Promise<Passkey[]> {
  return (await passkeysOf(q, userId)).map(passkeyView);
}

export async function passkeyCount(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return row?.n ?? 0;
}

export async function passkeyByCredentialId(q: Queryable, credentialId: string): Promise<PasskeyRow | undefined> {
  const [row] = await q.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
  return row;
}
