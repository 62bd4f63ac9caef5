// Delegated admin, the scheduled sweep: ended relationships expire, auto-extending ones are extended
// by 180 days (rules.ts sweepDecision); each change in its own transaction, audited.
import { and, eq, lt } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { sweepDecision } from '../rules.js';
import { delegatedAdminRelationships } from '../schema.js';
import { darView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function sweepDelegatedAdmin(deps: CustomersDeps, now = new Date()) {
  const due = await deps.db
    .select()
    .from(delegatedAdminRelationships)
    .where(and(eq(delegatedAdminRelationships.status, 'active'), lt(delegatedAdminRelationships.endsAt, now)));
  const ctx: RequestContext = { requestId: 'delegated-admin-sweep', locale: 'en' };
  let changed = 0;
  for (const row of due) {
    const decision = sweepDecision(row, now);
    if (decision.action === 'none') continue;
    await deps.platform.transaction(async (tx) => {
      const set = decision.action === 'extend' ? { endsAt: decision.endsAt } : { status: 'expired' };
      const [after] = await tx
        .update(delegatedAdminRelationships)
        .set(set)
        .where(and(eq(delegatedAdminRelationships.id, row.id), eq(delegatedAdminRelationships.status, 'active')))
        .returning();
      if (after) {
        changed++;
        await writeAudit(tx, ctx, {
          tenantId: row.customerTenantId,
          action: decision.action === 'extend' ? 'delegatedAdmin.extended' : 'delegatedAdmin.expired',
          resourceType: 'delegatedAdminRelationship',
          resourceId: row.id,
          before: darView(row),
          after: darView(after),
          recipients: [{ tenantId: row.customerTenantId }, { tenantId: row.partnerTenantId }],
        });
      }
    });
  }
  return changed;
}
