// ACC-4: the sign-in's second step: the challenge a correct password opened, answered with a TOTP code
// (its step not used before by this user: a code is never accepted twice), an unused recovery code
// (used up here), or a passkey's assertion (the passkeys service checks it). The session's amr is the
// password's and the factor's: [pwd, otp] or [pwd, webauthn].
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { hashSecret } from '../../../../platform/auth/tokens.js';
import { invalidFields } from '../../../../platform/errors.js';
import type { MfaSignInBody } from '../contract.js';
import type { MfaChallengeRow } from '../reads.js';
import { normalizeRecoveryCode, totpStepAccepted } from '../rules.js';
import { users } from '../../schema.js';
import { mfaRecoveryCodes, mfaTotp } from '../schema.js';
import { totpStepOf } from '../totp.js';
import { completeChallenge, type ChallengeVerifier } from './complete-challenge.js';
import type { MfaDeps } from './deps.js';

export async function completeMfaSignIn(deps: MfaDeps, ctx: RequestContext, input: MfaSignInBody, userAgent?: string) {
  const given = [input.code !== undefined, input.recoveryCode !== undefined, input.passkey !== undefined].filter(Boolean).length;
  if (given !== 1) throw invalidFields({ path: '/code', code: given === 0 ? 'required' : 'one_factor_only' });
  if (input.code !== undefined) return completeChallenge(deps, ctx, input.challengeId, 'otp', totpVerifier(deps, input.code), userAgent);
  if (input.recoveryCode !== undefined) return completeChallenge(deps, ctx, input.challengeId, 'otp', recoveryCodeVerifier(ctx, input.recoveryCode), userAgent);
  const assertion = input.passkey!;
  return completeChallenge(
    deps,
    ctx,
    input.challengeId,
    'webauthn',
    async (tx, challenge) => {
      if (!challenge.userId) return null;
      const valid = await deps.passkeyVerifier.get()(tx, { userId: challenge.userId, expectedChallenge: challenge.webauthnChallenge, assertion });
      return valid ? challenge.userId : null;
    },
    userAgent,
  );
}

/** A code of the user's confirmed TOTP at a step after the last one used; the step is taken atomically. */
function totpVerifier(deps: MfaDeps, code: string): ChallengeVerifier {
  return async (tx: Tx, challenge: MfaChallengeRow) => {
    if (!challenge.userId) return null;
    const [totp] = await tx.select().from(mfaTotp).where(and(eq(mfaTotp.userId, challenge.userId), isNotNull(mfaTotp.confirmedAt)));
    if (!totp) return null;
    const step = totpStepOf(deps.box.open(totp.secretSealed), code);
    if (!totpStepAccepted(step, totp.lastUsedStep)) return null;
    // Two requests with the same code: the update's condition lets only one of them take the step.
    const taken = await tx
      .update(mfaTotp)
      .set({ lastUsedStep: step })
      .where(and(eq(mfaTotp.userId, challenge.userId), or(isNull(mfaTotp.lastUsedStep), lt(mfaTotp.lastUsedStep, step))))
      .returning({ userId: mfaTotp.userId });
    return taken.length > 0 ? challenge.userId : null;
  };
}

/** One of the user's unused recovery codes, used up by this sign-in (audited, never the code). */
function recoveryCodeVerifier(ctx: RequestContext, code: string): ChallengeVerifier {
  return async (tx: Tx, challenge: MfaChallengeRow) => {
    if (!challenge.userId) return null;
    const [used] = await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(mfaRecoveryCodes.userId, challenge.userId), eq(mfaRecoveryCodes.codeHash, hashSecret(normalizeRecoveryCode(code))), isNull(mfaRecoveryCodes.usedAt)))
      .returning({ id: mfaRecoveryCodes.id, userId: mfaRecoveryCodes.userId });
    if (!used) return null;
    const [user] = await tx.select({ tenantId: users.tenantId }).from(users).where(eq(users.id, challenge.userId));
    await writeAudit(tx, ctx, { actorUserId: challenge.userId, actorTenantId: user?.tenantId ?? null, tenantId: user?.tenantId ?? null, action: 'mfa.recoveryCodeUsed', resourceType: 'user', resourceId: challenge.userId });
    return challenge.userId;
  };
}
