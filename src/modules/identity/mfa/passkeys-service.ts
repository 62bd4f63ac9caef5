// Passkeys (WebAuthn, ACC-4): registration (several per user, named, removable), the second step of a
// sign-in, and sign-in with a passkey alone. Binds the operations to the relying party this deployment
// is (from PUBLIC_URL) and to the sign-in challenge completion of the rest of mfa/; no logic.
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import { passkeyRegistrationOptions } from './operations/passkey-registration-options.js';
import { passkeySecondFactorOptions } from './operations/passkey-second-factor-options.js';
import { passkeySignInOptions } from './operations/passkey-sign-in-options.js';
import type { PasskeysDeps } from './operations/passkeys-deps.js';
import { registerPasskey } from './operations/register-passkey.js';
import { removePasskey } from './operations/remove-passkey.js';
import { renamePasskey } from './operations/rename-passkey.js';
import { signInWithPasskey } from './operations/sign-in-with-passkey.js';
import { verifySecondFactorPasskey } from './operations/verify-passkey-assertion.js';
import { relyingParty } from './passkeys-rules.js';

export { passkeyCount, passkeyViews } from './passkeys-reads.js';

export function passkeysService(platform: Platform, mfa: Pick<PasskeysDeps, 'completeChallenge'>) {
  const deps: PasskeysDeps = { platform, db: platform.db, config: platform.config, rp: relyingParty(platform.config.publicUrl), completeChallenge: mfa.completeChallenge };
  const bind = binder(deps);
  return {
    registrationOptions: bind(passkeyRegistrationOptions),
    register: bind(registerPasskey),
    rename: bind(renamePasskey),
    remove: bind(removePasskey),
    secondFactorOptions: bind(passkeySecondFactorOptions),
    /** For the sign-in's second step (POST /v1/auth/sessions/mfa), inside its transaction. */
    verifySecondFactor: bind(verifySecondFactorPasskey),
    signInOptions: bind(passkeySignInOptions),
    signIn: bind(signInWithPasskey),
  };
}

export type PasskeysService = ReturnType<typeof passkeysService>;
