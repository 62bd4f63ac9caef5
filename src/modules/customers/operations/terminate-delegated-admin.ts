// CUS-7: the customer ends a partner's delegated admin (active and pending); the reseller relationship stays.
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { customerRelationships, delegatedAdminRelationships } from '../schema.js';
import { darView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function terminateDelegatedAdmin(deps: CustomersDeps, ctx: RequestContext, relationshipId: string) {
  const actor = ctx.actor!;
  await deps.platform.transaction(async (tx) => {
    const [relationship] = await tx.select().from(customerRelationships).where(eq(customerRelationships.id, relationshipId));
    if (!relationship || relationship.customerTenantId !== actor.tenantId) throw notFound('partnerRelationship');
    const ended = await tx
      .update(delegatedAdminRelationships)
      .set({ status: 'terminated', terminatedAt: new Date() })
      .where(
        and(
          eq(delegatedAdminRelationships.customerTenantId, actor.tenantId),
          eq(delegatedAdminRelationships.partnerTenantId, relationship.partnerTenantId),
          inArray(delegatedAdminRelationships.status, ['active', 'approvalPending']),
        ),
      )
      .returning();
    for (const row of ended) {
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'delegatedAdmin.terminated', resourceType: 'delegatedAdminRelationship', resourceId: row.id, after: darView(row), recipients: [{ tenantId: row.customerTenantId }, { tenantId: row.partnerTenantId }] });
    }
  });
}
