// ACC-4: a tenant's global admin requires a second factor of every user of the tenant (whatever the
// program enforces), or stops requiring it. Only its own tenant: any other is "not found".
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import type { TenantMfaPolicy } from '../contract.js';
import { tenantRequiresAll } from '../reads.js';
import { mfaTenantPolicies } from '../schema.js';
import type { MfaDeps } from './deps.js';

export async function setTenantPolicy(deps: MfaDeps, ctx: RequestContext, tenantId: string, input: TenantMfaPolicy): Promise<TenantMfaPolicy> {
  if (tenantId !== ctx.actor!.tenantId) throw notFound('tenant');
  return deps.platform.transaction(async (tx) => {
    const before = await tenantRequiresAll(tx, tenantId);
    await tx
      .insert(mfaTenantPolicies)
      .values({ tenantId, requireAllUsers: input.requireAllUsers })
      .onConflictDoUpdate({ target: mfaTenantPolicies.tenantId, set: { requireAllUsers: input.requireAllUsers, updatedAt: new Date() } });
    await writeAudit(tx, ctx, { tenantId, action: 'mfa.tenantPolicyChanged', resourceType: 'mfaPolicy', resourceId: tenantId, before: { requireAllUsers: before }, after: { requireAllUsers: input.requireAllUsers } });
    return { requireAllUsers: input.requireAllUsers };
  });
}
