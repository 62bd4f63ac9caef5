import { useDelegatedAccess } from './api/customers';
import { useMe } from './session';

/**
 * The permissions the signed-in user holds in a customer's tenant: its own at home, otherwise those the
 * API reports for it there (ACC-3: the roles of its security groups' access assignments, none without).
 */
export function useCustomerPermissions(customerId: string, enabled = true): Set<string> {
  const { data: me } = useMe();
  const home = !!me && me.tenant.id === customerId;
  const access = useDelegatedAccess(customerId, enabled && !!me && !home);
  if (!me) return new Set();
  if (home) return new Set(me.permissions);
  return new Set(access.data?.permissions ?? []);
}
