// What MFA's operations are built with (mfa/service.ts makes it once).
import type { Config } from '../../../../config.js';
import type { Db, Tx } from '../../../../db/index.js';
import type { Sealer } from '../../../../platform/auth/sealing.js';
import type { Platform } from '../../../../platform/context.js';
import type { RequiredHook } from '../../../../platform/hooks.js';
import type { IdentityService } from '../../service.js';
import type { PasskeyAssertion } from '../passkeys-contract.js';

/**
 * Checks a passkey's answer to the WebAuthn challenge a sign-in challenge holds, by one of the user's
 * passkeys (updating its counter inside `tx`); given by the passkeys service (app.ts).
 */
export type PasskeyVerifier = (tx: Tx, input: { userId: string; expectedChallenge: string | null; assertion: PasskeyAssertion }) => Promise<boolean>;

export interface MfaDeps {
  platform: Platform;
  db: Db;
  config: Config;
  identity: IdentityService;
  /** Seals the TOTP secrets (read back to check each code). */
  box: Sealer;
  passkeyVerifier: RequiredHook<PasskeyVerifier>;
}
