// BIL-1, BIL-3: a tenant asks for the reconciliation export of one closed period: every line of the
// documents it received (the default) or issued then. The period must be closed (its billing run done:
// the documents exist and never change, BIL-2); the export row, its job and the audit record are one
// transaction, so the job exists only if the request was kept. Answers the export, queued.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import { billingRuns } from '../../schema.js';
import type { ReconciliationExport, ReconciliationExportBody } from '../contract.js';
import { exportMaxAttempts, exportQueue, periodOfMonth } from '../rules.js';
import { reconciliationExports } from '../schema.js';
import { exportAudit, exportView } from '../views.js';
import type { ReconciliationDeps } from './deps.js';

export const periodOpen = (period: string) => new AppError('billing_period_open', { period }, [{ path: '/period', code: 'billing_period_open', params: { period } }]);

export async function requestReconciliationExport(deps: ReconciliationDeps, ctx: RequestContext, body: ReconciliationExportBody): Promise<ReconciliationExport> {
  const actor = ctx.actor!;
  const period = periodOfMonth(body.period);
  const createdAt = deps.now();
  return deps.platform.transaction(async (tx) => {
    const [closed] = await tx.select({ start: billingRuns.periodStart }).from(billingRuns).where(eq(billingRuns.periodStart, period.start));
    if (!closed) throw periodOpen(body.period);
    const [row] = await tx
      .insert(reconciliationExports)
      .values({ tenantId: actor.tenantId, requestedBy: actor.userId, periodStart: period.start, format: body.format, direction: body.direction ?? 'received', status: 'queued', createdAt })
      .returning();
    await deps.platform.jobs.enqueue(tx, exportQueue, { exportId: row!.id }, { maxAttempts: exportMaxAttempts });
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'reconciliationExport.requested', resourceType: 'reconciliationExport', resourceId: row!.id, after: exportAudit(row!) });
    return exportView(row!);
  });
}
