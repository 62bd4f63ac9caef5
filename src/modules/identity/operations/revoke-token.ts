// The signed-in user revokes one of its personal access tokens; anyone else's is "not found".
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { accessTokens } from '../schema.js';
import { tokenView } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function revokeToken(deps: IdentityDeps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  await deps.platform.transaction(async (tx) => {
    const [row] = await tx
      .update(accessTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('accessToken');
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessToken.revoked', resourceType: 'accessToken', resourceId: id, before: tokenView(row) });
  });
}
