// ACC-4: a TOTP authenticator for the signed-in user, pending until a first code confirms it: a new
// secret, its otpauth:// URL and QR code, shown this once (stored sealed). Starting again replaces a
// pending one. With a second factor already, only a session that passed one may add another.
import { and, eq, isNotNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import type { TotpEnrolment } from '../contract.js';
import { factorsOf, hasFactor } from '../reads.js';
import { requireMfaSession } from '../rules.js';
import { mfaTotp } from '../schema.js';
import { newTotpSecret, totpProvisioning } from '../totp.js';
import type { MfaDeps } from './deps.js';

export async function startTotpEnrolment(deps: MfaDeps, ctx: RequestContext): Promise<TotpEnrolment> {
  const actor = ctx.actor!;
  const secret = newTotpSecret();
  await deps.platform.transaction(async (tx) => {
    const [confirmed] = await tx.select({ userId: mfaTotp.userId }).from(mfaTotp).where(and(eq(mfaTotp.userId, actor.userId), isNotNull(mfaTotp.confirmedAt))).for('update');
    if (confirmed) throw new AppError('mfa_totp_exists');
    if (hasFactor(await factorsOf(tx, actor.userId))) requireMfaSession(actor);
    const secretSealed = deps.box.seal(secret);
    await tx
      .insert(mfaTotp)
      .values({ userId: actor.userId, secretSealed })
      .onConflictDoUpdate({ target: mfaTotp.userId, set: { secretSealed, createdAt: new Date(), lastUsedStep: null } });
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.totpStarted', resourceType: 'user', resourceId: actor.userId });
  });
  return { secret, ...totpProvisioning(secret, actor.email) };
}
