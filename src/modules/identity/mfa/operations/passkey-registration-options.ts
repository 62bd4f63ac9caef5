// ACC-4: the options for registering a passkey — discoverable (resident key required, so it also
// signs in without a password), user verification preferred, none of the user's passkeys again; its
// challenge is kept for 5 minutes, single use. A user with a second factor adds another only from a
// session that passed one.
import { webauthn } from '../webauthn.js';
import { lt } from 'drizzle-orm';
import type { RequestContext } from '../../../../platform/audit.js';
import type { PasskeyRegistrationOptions } from '../passkeys-contract.js';
import { passkeysOf } from '../passkeys-reads.js';
import { passkeyChallengeMs, passkeyPromptMs, userHandle } from '../passkeys-rules.js';
import { descriptorOf } from '../passkeys-views.js';
import { passkeyRegistrations } from '../schema.js';
import type { PasskeysDeps } from './passkeys-deps.js';
import { requireMfaToAddFactor } from './register-passkey.js';

export async function passkeyRegistrationOptions(deps: PasskeysDeps, ctx: RequestContext): Promise<PasskeyRegistrationOptions> {
  const actor = ctx.actor!;
  await requireMfaToAddFactor(deps, actor);
  const existing = await passkeysOf(deps.db, actor.userId);
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: deps.rp.name,
    rpID: deps.rp.id,
    userName: actor.email,
    userDisplayName: actor.displayName,
    userID: userHandle(actor.userId),
    timeout: passkeyPromptMs,
    attestationType: 'none',
    excludeCredentials: existing.map(descriptorOf),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await deps.platform.transaction(async (tx) => {
    // Unanswered challenges go when they expire; the index keeps this cheap.
    await tx.delete(passkeyRegistrations).where(lt(passkeyRegistrations.expiresAt, new Date()));
    await tx.insert(passkeyRegistrations).values({ userId: actor.userId, challenge: options.challenge, expiresAt: new Date(Date.now() + passkeyChallengeMs) });
  });
  return options;
}
