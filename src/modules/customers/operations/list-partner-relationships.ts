// CUS-7: the customer's view of its partners — each one's role, its delegated-admin roles and their
// end dates, and (ACC-3) which of those roles the partner has assigned to its people (not to whom).
import { and, asc, eq } from 'drizzle-orm';
import { tenants } from '../../identity/schema.js';
import type { PartnerRelationship } from '../contract.js';
import { assignedRolesColumn } from '../reads.js';
import { customerRelationships, delegatedAdminRelationships } from '../schema.js';
import { darView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function listPartnerRelationships(deps: CustomersDeps, customerTenantId: string): Promise<PartnerRelationship[]> {
  const { db } = deps;
  const rows = await db
    .select({ relationship: customerRelationships, name: tenants.name, country: tenants.country })
    .from(customerRelationships)
    .innerJoin(tenants, eq(tenants.id, customerRelationships.partnerTenantId))
    .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.state, 'active')))
    .orderBy(asc(tenants.name));
  const dars = await db
    .select({ dar: delegatedAdminRelationships, assignedRoles: assignedRolesColumn })
    .from(delegatedAdminRelationships)
    .where(eq(delegatedAdminRelationships.customerTenantId, customerTenantId));
  return rows.map((r) => ({
    id: r.relationship.id,
    partnerTenantId: r.relationship.partnerTenantId,
    name: r.name,
    country: r.country,
    role: r.relationship.role,
    createdAt: r.relationship.createdAt.toISOString(),
    delegatedAdmin: dars
      .filter(({ dar }) => dar.partnerTenantId === r.relationship.partnerTenantId && ['active', 'approvalPending'].includes(dar.status))
      .map((d) => darView(d.dar, d.assignedRoles)),
  }));
}
