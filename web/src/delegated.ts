import { useDelegatedAdminRelationships } from './api/customers';
import { useMe } from './session';
import { delegatedPermissions } from './roles';

/**
 * The permissions the signed-in user holds in a customer's tenant: its own at home, otherwise those of
 * its organization's active delegated-admin roles there.
 */
export function useCustomerPermissions(customerId: string, enabled = true): Set<string> {
  const { data: me } = useMe();
  const home = !!me && me.tenant.id === customerId;
  const relationships = useDelegatedAdminRelationships(customerId, enabled && !!me && !home);
  if (!me) return new Set();
  if (home) return new Set(me.permissions);
  return delegatedPermissions(me.user.roles, relationships.data?.items ?? [], new Date());
}
