// Sign out: the caller's session ends (a personal access token has none to end).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { sessions } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function signOut(deps: IdentityDeps, ctx: RequestContext) {
  const actor = ctx.actor!;
  if (!actor.sessionId) return;
  await deps.platform.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId!));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'session.revoked', resourceType: 'session', resourceId: actor.sessionId });
  });
}
