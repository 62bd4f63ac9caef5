// ACC-4: a sign-in challenge answered: the attempt is reserved against the user's code-attempt limit
// before the answer is checked (atomic: parallel guesses pass no more than the limit), the challenge is
// used once (locked, then marked), and the session starts with what the first step proved plus the
// second factor. A right answer gives its reservation back; a wrong one keeps it (401, then 429).
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/index.js';
import type { RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import { releaseAttempt, reserveAttempt } from '../../../../platform/rate-limit.js';
import type { SignedIn } from '../../contract.js';
import { loadUser } from '../../reads.js';
import { pendingMfaChallenge, type MfaChallengeRow } from '../reads.js';
import { codeAttemptLimit, withAmr, type Amr } from '../rules.js';
import { mfaChallenges } from '../schema.js';
import type { MfaDeps } from './deps.js';

/** The key of a user's code-attempt counter (rate_limits). */
export const codeAttemptKey = (userId: string) => `mfa:user:${userId}`;

/** Checks the answer inside the transaction that uses the challenge: the user it proves, or null when wrong. */
export type ChallengeVerifier = (tx: Tx, challenge: MfaChallengeRow) => Promise<string | null>;

export async function completeChallenge(
  deps: MfaDeps,
  ctx: RequestContext,
  challengeId: string,
  method: Extract<Amr, 'otp' | 'webauthn'>,
  verify: ChallengeVerifier,
  userAgent?: string,
): Promise<{ token: string; expiresAt: Date; body: SignedIn }> {
  const { db } = deps;
  const pending = await pendingMfaChallenge(db, challengeId);
  if (!pending) throw new AppError('mfa_challenge_invalid');
  const key = pending.userId ? codeAttemptKey(pending.userId) : undefined;
  if (key) {
    const wait = await reserveAttempt(db, key, codeAttemptLimit.perUser, codeAttemptLimit.windowSeconds);
    if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
  }
  const proven = await deps.platform.transaction(async (tx) => {
    const [challenge] = await tx.select().from(mfaChallenges).where(eq(mfaChallenges.id, challengeId)).for('update');
    if (!challenge || challenge.usedAt || challenge.expiresAt <= new Date()) return { ok: false as const, refused: 'mfa_challenge_invalid' as const };
    const userId = await verify(tx, challenge);
    if (!userId || (challenge.userId && userId !== challenge.userId)) return { ok: false as const, refused: 'mfa_code_invalid' as const };
    await tx.update(mfaChallenges).set({ usedAt: new Date() }).where(eq(mfaChallenges.id, challengeId));
    return { ok: true as const, userId, amr: withAmr(challenge.amr, method) };
  });
  if (!proven.ok) {
    if (key && proven.refused === 'mfa_challenge_invalid') await releaseAttempt(db, key);
    throw new AppError(proven.refused);
  }
  if (key) await releaseAttempt(db, key);
  const user = await loadUser(db, proven.userId);
  if (user.state !== 'active') throw new AppError('invalid_credentials');
  const how = proven.amr.includes('pwd') ? ({ method: 'password' } as const) : ({ method: 'passkey' } as const);
  return deps.identity.startSession(ctx, user, userAgent, { ...how, amr: proven.amr });
}
