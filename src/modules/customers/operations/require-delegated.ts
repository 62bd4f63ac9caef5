// ACC-2, ACC-3: may the actor do this in the customer's tenant? Its own users by the permission table;
// a partner only with an active relationship (404 otherwise) and through the delegated-role table for
// the roles of its security groups' access assignments there (the one relation resolver). The refusal
// is access.ts delegatedRefusal's: `mfa_required` when only the second factor is missing, otherwise
// `delegated_role_missing`. Returns the relation for the grant check of user changes.
import { delegatedRefusal, requirePermission, type Actor, type Permission, type TenantRelation } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import { requireVisible } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function requireDelegated(deps: CustomersDeps, actor: Actor, customerTenantId: string, permission: Permission): Promise<TenantRelation | undefined> {
  if (actor.tenantId === customerTenantId) {
    requirePermission(actor, permission);
    return undefined;
  }
  const relation = await requireVisible(deps, actor, customerTenantId);
  const refusal = delegatedRefusal(actor, permission, customerTenantId, relation);
  if (refusal) throw new AppError(refusal);
  return relation;
}
