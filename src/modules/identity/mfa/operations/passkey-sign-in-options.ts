// ACC-4: a passwordless sign-in begins: options with no passkey named (the browser offers the
// discoverable ones it holds for this site) and user verification required, since the passkey is the
// only thing signing in. Its WebAuthn challenge rides on a sign-in challenge naming no user yet
// (5 minutes, single use); unanswered ones are dropped as they expire, so asking often keeps none.
import { webauthn } from '../webauthn.js';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { PasskeySignInOptions } from '../passkeys-contract.js';
import { passkeyPromptMs } from '../passkeys-rules.js';
import { mfaChallenges } from '../schema.js';
import { createChallenge } from './create-challenge.js';
import type { PasskeysDeps } from './passkeys-deps.js';

export async function passkeySignInOptions(deps: PasskeysDeps): Promise<PasskeySignInOptions> {
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: deps.rp.id, userVerification: 'required', timeout: passkeyPromptMs });
  const challenge = await deps.platform.transaction(async (tx) => {
    await tx.delete(mfaChallenges).where(and(isNull(mfaChallenges.userId), lt(mfaChallenges.expiresAt, new Date())));
    const opened = await createChallenge(tx, null, []);
    await tx.update(mfaChallenges).set({ webauthnChallenge: options.challenge }).where(eq(mfaChallenges.id, opened.id));
    return opened;
  });
  return { challengeId: challenge.id, options };
}
