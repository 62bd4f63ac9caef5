// ACC-2: may the actor do this in the customer's tenant? Its own users by the permission table; a
// partner only with an active relationship (404 otherwise) and through the delegated-role table for
// the roles the customer granted it (403 `delegated_role_missing`). Returns the relation for the grant
// check of user changes.
import { can, requirePermission, type Actor, type Permission, type TenantRelation } from '../../../platform/access.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { delegatedRolesOf, relationshipWith } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function requireDelegated(deps: CustomersDeps, actor: Actor, customerTenantId: string, permission: Permission, now = new Date()): Promise<TenantRelation | undefined> {
  if (actor.tenantId === customerTenantId) {
    requirePermission(actor, permission);
    return undefined;
  }
  if (!(await relationshipWith(deps, deps.db, actor.tenantId, customerTenantId))) throw notFound('customer');
  const relation: TenantRelation = { adminAccess: false, delegatedRoles: await delegatedRolesOf(deps, actor.tenantId, customerTenantId, now) };
  if (!can(actor, permission, customerTenantId, relation)) throw new AppError('delegated_role_missing');
  return relation;
}
