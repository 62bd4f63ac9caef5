// Revokes one of an app's client secrets: it gets no more tokens, and the tokens it got stop working on
// their next request (each names its secret; resolve-app-token.ts checks it).
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { loadApp } from '../reads.js';
import { appSecrets } from '../schema.js';
import { secretView } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function revokeSecret(deps: AppsDeps, ctx: RequestContext, tenantId: string, appId: string, secretId: string) {
  await deps.platform.transaction(async (tx) => {
    await loadApp(tx, tenantId, appId, true);
    const [row] = await tx
      .update(appSecrets)
      .set({ revokedAt: new Date() })
      .where(and(eq(appSecrets.id, secretId), eq(appSecrets.appId, appId), isNull(appSecrets.revokedAt)))
      .returning();
    if (!row) throw notFound('appSecret');
    await writeAudit(tx, ctx, { tenantId, action: 'appSecret.revoked', resourceType: 'appSecret', resourceId: secretId, before: { appId, ...secretView(row) } });
  });
}
