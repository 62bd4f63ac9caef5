// Records that a tenant takes part in a program (operator, indirectProvider, …), or changes its
// status, inside the caller's transaction, audited.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { Program } from '../rules.js';
import { tenantMemberships } from '../schema.js';

export async function setMembershipIn(tx: Queryable, ctx: RequestContext, tenantId: string, program: Program, status: string) {
  const [before] = await tx
    .select()
    .from(tenantMemberships)
    .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.program, program)));
  await tx
    .insert(tenantMemberships)
    .values({ tenantId, program, status })
    .onConflictDoUpdate({ target: [tenantMemberships.tenantId, tenantMemberships.program], set: { status, updatedAt: new Date() } });
  await writeAudit(tx, ctx, {
    tenantId,
    action: before ? 'membership.updated' : 'membership.created',
    resourceType: 'membership',
    resourceId: `${tenantId}:${program}`,
    before: before ? { program, status: before.status } : null,
    after: { program, status },
  });
}
