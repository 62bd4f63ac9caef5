// ACC-3: what the caller may do in a customer's tenant, for the portal to offer only that: its own
// permissions at home; elsewhere the delegated-admin roles of its security groups' access assignments
// there, the permissions they give, and whether its session first needs the second factor (ACC-4).
import { can, effectivePermissions, passesDelegationMfa, type Actor } from '../../../platform/access.js';
import type { DelegatedAccess } from '../contract.js';
import { requireVisible } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function getDelegatedAccess(deps: CustomersDeps, actor: Actor, customerTenantId: string): Promise<DelegatedAccess> {
  const relation = await requireVisible(deps, actor, customerTenantId);
  if (actor.tenantId === customerTenantId) return { delegatedRoles: [], permissions: [...effectivePermissions(actor, customerTenantId)].sort(), mfaRequired: false };
  const delegatedRoles = [...relation.delegatedRoles].sort();
  const mfaRequired = !passesDelegationMfa(actor) && delegatedRoles.length > 0 && can({ ...actor, mfaEnforced: false }, 'tenant.read', customerTenantId, relation);
  return { delegatedRoles, permissions: [...effectivePermissions(actor, customerTenantId, relation)].sort(), mfaRequired };
}
