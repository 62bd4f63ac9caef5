// Renames an app, changes its permissions (ACC-1: only ones the caller holds itself there) or disables
// and enables it. A disabled app gets no tokens, and the tokens it has stop working on their next
// request (resolve-app-token.ts reads the app every time); fewer permissions take effect the same way.
// `checkVersion` honours If-Match.
import { eq } from 'drizzle-orm';
import { effectivePermissions } from '../../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import type { AppPatch } from '../contract.js';
import { loadApp, secretsOf } from '../reads.js';
import { appTransitions, unheldPermissions, type AppState } from '../rules.js';
import { apps } from '../schema.js';
import { appAudit, appView, type AppRow } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function updateApp(deps: AppsDeps, ctx: RequestContext, tenantId: string, appId: string, input: AppPatch, checkVersion: (current: AppRow) => void) {
  if (input.permissions) {
    const unheld = unheldPermissions(input.permissions, effectivePermissions(ctx.actor!, tenantId));
    if (unheld.length) throw new AppError('app_permission_exceeds_own', {}, unheld);
  }
  return deps.platform.transaction(async (tx) => {
    const before = await loadApp(tx, tenantId, appId, true);
    checkVersion(before);
    const state = input.state ?? (before.state as AppState);
    if (state !== before.state && !appTransitions[before.state as AppState].includes(state)) throw new AppError('invalid_transition', { from: before.state, to: state });
    const [after] = await tx
      .update(apps)
      .set({ name: input.name?.trim() ?? before.name, permissions: input.permissions ?? before.permissions, state, updatedAt: new Date() })
      .where(eq(apps.id, before.id))
      .returning();
    await writeAudit(tx, ctx, { tenantId, action: 'app.updated', resourceType: 'app', resourceId: appId, before: appAudit(before), after: appAudit(after!) });
    const secrets = await secretsOf(tx, [appId]);
    return { row: after!, view: appView(after!, secrets.get(appId) ?? []) };
  });
}
