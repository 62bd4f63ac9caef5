// Delegated admin: the relationships on a customer — all of them for the customer, a partner's own
// for a partner (404 to anyone else) — each with the roles its access assignments use (ACC-3).
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { DelegatedAdmin } from '../contract.js';
import { assignedRolesColumn, requireVisible } from '../reads.js';
import { delegatedAdminRelationships } from '../schema.js';
import { darView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function listDelegatedAdmin(deps: CustomersDeps, actor: Actor, customerTenantId: string): Promise<DelegatedAdmin[]> {
  await requireVisible(deps, actor, customerTenantId);
  const mineOnly = actor.tenantId === customerTenantId ? undefined : eq(delegatedAdminRelationships.partnerTenantId, actor.tenantId);
  const rows = await deps.db
    .select({ dar: delegatedAdminRelationships, assignedRoles: assignedRolesColumn })
    .from(delegatedAdminRelationships)
    .where(and(eq(delegatedAdminRelationships.customerTenantId, customerTenantId), mineOnly))
    .orderBy(desc(delegatedAdminRelationships.createdAt));
  return rows.map((r) => darView(r.dar, r.assignedRoles));
}
