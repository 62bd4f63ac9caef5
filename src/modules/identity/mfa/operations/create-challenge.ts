// ACC-4: a sign-in between its first step and its second factor: a single-use row for 5 minutes,
// bound to the user the first step named (none yet for a passwordless passkey sign-in). Identity's
// password sign-in opens one when the user has a second factor; no session exists until it is answered.
import { and, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import { challengeMinutes } from '../rules.js';
import { mfaChallenges } from '../schema.js';

export async function createChallenge(q: Queryable, userId: string | null, amr: readonly string[]): Promise<{ id: string; expiresAt: Date }> {
  // The user's challenges that expired are of no use to anyone: each new one clears them.
  if (userId) await q.delete(mfaChallenges).where(and(eq(mfaChallenges.userId, userId), lt(mfaChallenges.expiresAt, new Date())));
  const [row] = await q
    .insert(mfaChallenges)
    .values({ userId, amr: [...amr], expiresAt: new Date(Date.now() + challengeMinutes * 60_000) })
    .returning({ id: mfaChallenges.id, expiresAt: mfaChallenges.expiresAt });
  return row!;
}
