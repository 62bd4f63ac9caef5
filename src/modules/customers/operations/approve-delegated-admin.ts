// Delegated admin: the customer's global admin approves a pending request through its emailed
// single-use link (platform/single-use-links.ts). The link names nothing outside the customer's own
// tenant; it works once, while the request is pending, for as long as an invitation would (30 days).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { openSingleUseLink } from '../../../platform/single-use-links.js';
import type { DelegatedAdmin } from '../contract.js';
import { delegatedAdminApprovalLink } from '../reads.js';
import { delegatedAdminRelationships } from '../schema.js';
import { darView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function approveDelegatedAdmin(deps: CustomersDeps, ctx: RequestContext, token: string): Promise<DelegatedAdmin> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await openSingleUseLink(tx, delegatedAdminApprovalLink, token, { lock: true, visibleTo: (request) => request.customerTenantId === actor.tenantId });
    const now = new Date();
    const [after] = await tx
      .update(delegatedAdminRelationships)
      .set({ status: 'active', activatedAt: now, endsAt: new Date(now.getTime() + row.durationDays * 86_400_000), approvalTokenHash: null })
      .where(eq(delegatedAdminRelationships.id, row.id))
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'delegatedAdmin.active', resourceType: 'delegatedAdminRelationship', resourceId: row.id, before: darView(row), after: darView(after!), recipients: [{ tenantId: row.customerTenantId }, { tenantId: row.partnerTenantId }] });
    return darView(after!);
  });
}
