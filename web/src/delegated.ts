import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { CHANNEL_KEYS } from './channel';
import { useMe } from './session';
import { delegatedPermissions } from './roles';
import type { Collection } from '@contracts/platform';
import type { DelegatedAdmin } from '@contracts/customers';

/**
 * The permissions the signed-in user holds in a customer's tenant: its own at home, otherwise those of
 * its organization's active delegated-admin roles there.
 */
export function useCustomerPermissions(customerId: string, enabled = true): Set<string> {
  const { data: me } = useMe();
  const home = !!me && me.tenant.id === customerId;
  const relationships = useQuery({
    queryKey: CHANNEL_KEYS.delegatedAdmin(customerId),
    queryFn: ({ signal }) => api<Collection<DelegatedAdmin>>(`/customers/${encodeURIComponent(customerId)}/delegated-admin-relationships`, { signal }),
    enabled: enabled && !!me && !home,
  });
  if (!me) return new Set();
  if (home) return new Set(me.permissions);
  return delegatedPermissions(me.user.roles, relationships.data?.items ?? [], new Date());
}
