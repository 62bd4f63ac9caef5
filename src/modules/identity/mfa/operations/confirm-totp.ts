// ACC-4: the first code from the new authenticator confirms it (the code's step counts as used). The
// attempt counts against the user's code-attempt limit like a sign-in's. The current session passed a
// second factor now (its amr gains otp); the user's first factor comes with ten recovery codes.
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import { releaseAttempt, reserveAttempt } from '../../../../platform/rate-limit.js';
import type { TotpConfirmBody, TotpConfirmed } from '../contract.js';
import { codeAttemptLimit } from '../rules.js';
import { mfaTotp } from '../schema.js';
import { totpStepOf } from '../totp.js';
import { addSessionAmr } from './add-session-amr.js';
import { codeAttemptKey } from './complete-challenge.js';
import type { MfaDeps } from './deps.js';
import { issueRecoveryCodesIfFirstFactor } from './issue-recovery-codes.js';

export async function confirmTotp(deps: MfaDeps, ctx: RequestContext, input: TotpConfirmBody): Promise<TotpConfirmed> {
  const actor = ctx.actor!;
  const key = codeAttemptKey(actor.userId);
  const wait = await reserveAttempt(deps.db, key, codeAttemptLimit.perUser, codeAttemptLimit.windowSeconds);
  if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
  const result = await deps.platform.transaction(async (tx) => {
    const [pending] = await tx.select().from(mfaTotp).where(and(eq(mfaTotp.userId, actor.userId), isNull(mfaTotp.confirmedAt))).for('update');
    if (!pending) return { ok: false as const, refused: 'mfa_totp_not_pending' as const };
    const step = totpStepOf(deps.box.open(pending.secretSealed), input.code);
    if (step === null) return { ok: false as const, refused: 'mfa_code_invalid' as const };
    await tx.update(mfaTotp).set({ confirmedAt: new Date(), lastUsedStep: step }).where(eq(mfaTotp.userId, actor.userId));
    if (actor.sessionId) await addSessionAmr(tx, actor.sessionId, 'otp');
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.totpAdded', resourceType: 'user', resourceId: actor.userId });
    const recoveryCodes = await issueRecoveryCodesIfFirstFactor(tx, ctx, actor.userId);
    return { ok: true as const, confirmed: recoveryCodes ? { recoveryCodes } : {} };
  });
  if (!result.ok) {
    if (result.refused !== 'mfa_code_invalid') await releaseAttempt(deps.db, key);
    throw new AppError(result.refused);
  }
  await releaseAttempt(deps.db, key);
  return result.confirmed;
}
