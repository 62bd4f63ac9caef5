// Writes several customers operations make inside their own transaction, each audited there.
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { customerRelationships, delegatedAdminRelationships } from './schema.js';
import { darView } from './views.js';

/** A customer relationship (idempotent: an existing active one is kept). CUS-2, CUS-5. */
export async function relate(tx: Queryable, ctx: RequestContext, customerTenantId: string, partnerTenantId: string, role: 'reseller' | 'provider', resellerTenantId: string | null) {
  const [existing] = await tx
    .select()
    .from(customerRelationships)
    .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.partnerTenantId, partnerTenantId), eq(customerRelationships.state, 'active')));
  if (existing) return existing;
  const [row] = await tx
    .insert(customerRelationships)
    .values({ customerTenantId, partnerTenantId, role, resellerTenantId, customerName: sql`(select name from tenants where id = ${customerTenantId})` })
    .returning();
  // EVT-1: accepted by the customer (its invitation) or made by the partner; the customer and its partners hear of it.
  const acceptedByCustomer = ctx.actor?.tenantId === customerTenantId;
  const event = !acceptedByCustomer ? 'customer-created' : role === 'reseller' ? 'indirect-reseller-relationship-accepted-by-customer' : 'reseller-relationship-accepted-by-customer';
  await writeAudit(tx, ctx, {
    tenantId: customerTenantId,
    action: 'customerRelationship.created',
    resourceType: 'customerRelationship',
    resourceId: row!.id,
    after: row,
    event,
    recipients: [{ tenantId: customerTenantId }, { tenantId: partnerTenantId }, { tenantId: resellerTenantId }],
  });
  return row!;
}

/** A delegated-admin relationship: active at once (granted with an accepted invitation) or pending approval. */
export async function insertDelegatedAdmin(
  tx: Queryable,
  ctx: RequestContext,
  input: { customerTenantId: string; partnerTenantId: string; roles: string[]; durationDays: number; autoExtend: boolean; status: 'active' | 'approvalPending'; now: Date; approvalTokenHash?: string },
) {
  const active = input.status === 'active';
  const [row] = await tx
    .insert(delegatedAdminRelationships)
    .values({
      customerTenantId: input.customerTenantId,
      partnerTenantId: input.partnerTenantId,
      roles: [...new Set(input.roles)],
      durationDays: input.durationDays,
      autoExtend: input.autoExtend,
      status: input.status,
      approvalTokenHash: input.approvalTokenHash ?? null,
      activatedAt: active ? input.now : null,
      endsAt: active ? new Date(input.now.getTime() + input.durationDays * 86_400_000) : null,
    })
    .returning();
  await writeAudit(tx, ctx, { tenantId: input.customerTenantId, action: `delegatedAdmin.${input.status}`, resourceType: 'delegatedAdminRelationship', resourceId: row!.id, after: darView(row!), recipients: [{ tenantId: input.customerTenantId }, { tenantId: input.partnerTenantId }] });
  return row!;
}
