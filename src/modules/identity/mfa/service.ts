// Multifactor authentication (ACC-4): TOTP, recovery codes, the sign-in's second step and its
// challenges, the program's and tenants' policies, and second-factor resets. Binds the operations
// (operations/, one per file) to their dependencies, built once: identity (sessions start there), the
// sealer of TOTP secrets, and the passkeys service's assertion check (a hook: passkeys are built after).
import { sealer } from '../../../platform/auth/sealing.js';
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import { requiredHook } from '../../../platform/hooks.js';
import type { IdentityService } from '../service.js';
import { addSessionAmr } from './operations/add-session-amr.js';
import { afterFactorRemoved } from './operations/after-factor-removed.js';
import { completeChallenge } from './operations/complete-challenge.js';
import { completeMfaSignIn } from './operations/complete-mfa-sign-in.js';
import { confirmTotp } from './operations/confirm-totp.js';
import { createChallenge } from './operations/create-challenge.js';
import { enrolTotpWithSecret } from './operations/enrol-totp-with-secret.js';
import type { MfaDeps, PasskeyVerifier } from './operations/deps.js';
import { getMyMfa } from './operations/get-my-mfa.js';
import { getProgramPolicy } from './operations/get-program-policy.js';
import { getTenantPolicy } from './operations/get-tenant-policy.js';
import { issueRecoveryCodesIfFirstFactor } from './operations/issue-recovery-codes.js';
import { regenerateRecoveryCodes } from './operations/regenerate-recovery-codes.js';
import { removeTotp } from './operations/remove-totp.js';
import { resetUserMfa } from './operations/reset-user-mfa.js';
import { setProgramPolicy } from './operations/set-program-policy.js';
import { setTenantPolicy } from './operations/set-tenant-policy.js';
import { startTotpEnrolment } from './operations/start-totp-enrolment.js';
import { factorsOf, pendingMfaChallenge } from './reads.js';

export { requireMfaSession } from './rules.js';
export type { MfaChallengeRow } from './reads.js';

export function mfaService(platform: Platform, services: { identity: IdentityService }) {
  const deps: MfaDeps = {
    platform,
    db: platform.db,
    config: platform.config,
    identity: services.identity,
    box: sealer(platform.config.sessionSecret, 'mfa-totp'),
    passkeyVerifier: requiredHook<PasskeyVerifier>("mfa's passkey assertion check (ACC-4, given by the passkeys service)"),
  };
  const bind = binder(deps);

  return {
    completeSignIn: bind(completeMfaSignIn),
    /** A sign-in challenge answered by another factor (passkeys use it): attempts counted, used once, the session started. */
    completeChallenge: bind(completeChallenge),
    me: bind(getMyMfa),
    startTotp: bind(startTotpEnrolment),
    confirmTotp: bind(confirmTotp),
    removeTotp: bind(removeTotp),
    regenerateRecoveryCodes: bind(regenerateRecoveryCodes),
    programPolicy: bind(getProgramPolicy),
    setProgramPolicy: bind(setProgramPolicy),
    tenantPolicy: bind(getTenantPolicy),
    setTenantPolicy: bind(setTenantPolicy),
    resetUser: bind(resetUserMfa),
    /** The demo's authenticator apps (secrets it derives itself); not on the API. */
    enrolTotpWithSecret: bind(enrolTotpWithSecret),
    // For the passkeys service, inside its own transactions:
    createChallenge,
    pendingMfaChallenge,
    factorsOf,
    addSessionAmr,
    issueRecoveryCodesIfFirstFactor,
    afterFactorRemoved,
    givePasskeyVerifier: (verify: PasskeyVerifier) => deps.passkeyVerifier.give(verify),
    assertWired: () => deps.passkeyVerifier.assertGiven(),
  };
}

export type MfaService = ReturnType<typeof mfaService>;
