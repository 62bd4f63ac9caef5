// Deletes an app: it is gone from the tenant's apps, its secrets are revoked, and its tokens stop
// working on their next request. The row stays (state deleted, terminal) so that the audit log and the
// security groups it was a member of keep naming it. `checkVersion` honours If-Match.
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { loadApp } from '../reads.js';
import { appSecrets, apps } from '../schema.js';
import { appAudit, type AppRow } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function deleteApp(deps: AppsDeps, ctx: RequestContext, tenantId: string, appId: string, checkVersion: (current: AppRow) => void) {
  await deps.platform.transaction(async (tx) => {
    const before = await loadApp(tx, tenantId, appId, true);
    checkVersion(before);
    const now = new Date();
    await tx.update(appSecrets).set({ revokedAt: now }).where(and(eq(appSecrets.appId, appId), isNull(appSecrets.revokedAt)));
    await tx.update(apps).set({ state: 'deleted', updatedAt: now }).where(eq(apps.id, appId));
    await writeAudit(tx, ctx, { tenantId, action: 'app.deleted', resourceType: 'app', resourceId: appId, before: appAudit(before) });
  });
}
