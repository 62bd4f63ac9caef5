// ACC-4: removes one of the caller's own passkeys (anyone else's is "not found"), only from a session
// that passed a second factor: a stolen password alone never takes a factor away. Audited; the rest
// of mfa/ is told, so the recovery codes can go with the last factor.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { requireMfaSession } from '../rules.js';
import { passkeys } from '../schema.js';
import { afterFactorRemoved } from './after-factor-removed.js';
import type { PasskeysDeps } from './passkeys-deps.js';

export async function removePasskey(deps: PasskeysDeps, ctx: RequestContext, passkeyId: string): Promise<void> {
  const actor = ctx.actor!;
  requireMfaSession(actor);
  await deps.platform.transaction(async (tx) => {
    const [row] = await tx.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId))).returning();
    if (!row) throw notFound('passkey');
    await afterFactorRemoved(tx, ctx, actor.userId);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.passkeyRemoved', resourceType: 'passkey', resourceId: passkeyId, before: { userId: actor.userId, name: row.name } });
  });
}
