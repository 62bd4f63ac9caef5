// Every session and personal access token of the user ends, inside the caller's transaction (a user
// deactivated, a password reset by an admin or with the emailed link, a password changed — where the
// session that changed it stays).
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { accessTokens, sessions } from '../schema.js';

export async function endSignIns(tx: Queryable, userId: string, options: { keepSessionId?: string } = {}) {
  const now = new Date();
  const kept = options.keepSessionId ? ne(sessions.id, options.keepSessionId) : undefined;
  await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), kept));
  await tx.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)));
}
