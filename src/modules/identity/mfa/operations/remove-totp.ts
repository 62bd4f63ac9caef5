// ACC-4: the signed-in user removes its authenticator app, from a session that passed a second factor;
// with its last factor go its recovery codes.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { requireMfaSession } from '../rules.js';
import { mfaTotp } from '../schema.js';
import { afterFactorRemoved } from './after-factor-removed.js';
import type { MfaDeps } from './deps.js';

export async function removeTotp(deps: MfaDeps, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor!;
  requireMfaSession(actor);
  await deps.platform.transaction(async (tx) => {
    const removed = await tx.delete(mfaTotp).where(eq(mfaTotp.userId, actor.userId)).returning({ confirmedAt: mfaTotp.confirmedAt });
    if (removed.length === 0) throw notFound('totp');
    await afterFactorRemoved(tx, ctx, actor.userId);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.totpRemoved', resourceType: 'user', resourceId: actor.userId });
  });
}
