// ACC-4: the second step of a sign-in, with a passkey: authentication options naming the user's
// passkeys, for the sign-in challenge the password answered (unexpired, unused). The WebAuthn
// challenge is kept on that sign-in challenge, so it is answered at most once, with it; asking again
// replaces it.
import { webauthn } from '../webauthn.js';
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { AppError, notFound } from '../../../../platform/errors.js';
import type { PasskeyAuthenticationOptions } from '../passkeys-contract.js';
import { passkeysOf } from '../passkeys-reads.js';
import { passkeyPromptMs } from '../passkeys-rules.js';
import { descriptorOf } from '../passkeys-views.js';
import { pendingMfaChallenge } from '../reads.js';
import { mfaChallenges } from '../schema.js';
import type { PasskeysDeps } from './passkeys-deps.js';

export async function passkeySecondFactorOptions(deps: PasskeysDeps, challengeId: string): Promise<PasskeyAuthenticationOptions> {
  const pending = await pendingMfaChallenge(deps.db, challengeId);
  if (!pending?.userId) throw new AppError('mfa_challenge_invalid');
  const owned = await passkeysOf(deps.db, pending.userId);
  if (owned.length === 0) throw notFound('passkey');
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: deps.rp.id, allowCredentials: owned.map(descriptorOf), userVerification: 'preferred', timeout: passkeyPromptMs });
  const kept = await deps.db
    .update(mfaChallenges)
    .set({ webauthnChallenge: options.challenge })
    .where(and(eq(mfaChallenges.id, challengeId), isNotNull(mfaChallenges.userId), isNull(mfaChallenges.usedAt), gt(mfaChallenges.expiresAt, new Date())))
    .returning({ id: mfaChallenges.id });
  if (kept.length === 0) throw new AppError('mfa_challenge_invalid');
  return options;
}
