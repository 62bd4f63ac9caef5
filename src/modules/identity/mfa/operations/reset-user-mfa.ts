// ACC-4: a user's second factor is reset: its TOTP, passkeys and recovery codes go, its open sign-in
// challenges, sessions and tokens end, and it is mailed (who, why). Only a global admin of its own
// tenant, or the operator's support for a locked-out global admin of another tenant (with a reason,
// from a session that passed MFA; audited in the user's tenant).
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError, invalidFields, notFound } from '../../../../platform/errors.js';
import type { Locale } from '../../../../platform/i18n/index.js';
import { endSignIns } from '../../operations/end-sign-ins.js';
import { users } from '../../schema.js';
import type { MfaResetBody } from '../contract.js';
import { mfaResetProblem, requireMfaSession } from '../rules.js';
import { mfaChallenges, mfaRecoveryCodes, mfaTotp, passkeyRegistrations, passkeys } from '../schema.js';
import type { MfaDeps } from './deps.js';

export async function resetUserMfa(deps: MfaDeps, ctx: RequestContext, tenantId: string, userId: string, input: MfaResetBody): Promise<void> {
  const actor: Actor = ctx.actor!;
  // Another tenant is the operator's only; to anyone else it is not theirs to know.
  if (tenantId !== actor.tenantId && !actor.isOperator) throw notFound('user');
  await deps.platform.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.tenantId, tenantId))).for('update');
    if (!user) throw notFound('user');
    const refused = mfaResetProblem({ actor, target: user, reason: input.reason });
    if (refused === 'reason_required') throw invalidFields({ path: '/reason', code: 'required' });
    if (refused) throw new AppError(refused);
    if (tenantId !== actor.tenantId) requireMfaSession(actor);
    const now = new Date();
    await tx.delete(mfaTotp).where(eq(mfaTotp.userId, userId));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.delete(passkeyRegistrations).where(eq(passkeyRegistrations.userId, userId));
    await tx.delete(passkeys).where(eq(passkeys.userId, userId));
    await tx.update(mfaChallenges).set({ usedAt: now }).where(and(eq(mfaChallenges.userId, userId), isNull(mfaChallenges.usedAt)));
    await endSignIns(tx, userId);
    const reason = input.reason?.trim() ?? null;
    await writeAudit(tx, ctx, { tenantId, action: 'mfa.reset', resourceType: 'user', resourceId: userId, after: { userId, reason, byOperator: tenantId !== actor.tenantId } });
    await deps.platform.mailer.enqueue(tx, {
      template: 'mfaReset',
      locale: user.language as Locale,
      to: user.email,
      recipientUserId: user.id,
      tenantId,
      params: { name: user.displayName, email: user.email, actor: actor.displayName, reason: reason ?? '—' },
    });
  });
}
