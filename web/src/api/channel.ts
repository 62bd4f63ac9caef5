import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Collection } from '@contracts/platform';
import { keys } from './keys';
import type { Regions } from '@contracts/markets';
import type { Relationship, RelationshipType } from '@contracts/relationships';
import type { Customer } from '@contracts/customers';
import type { Subscription } from '@contracts/commerce';

/** The largest page the API serves: relationships and subscriptions lists are short enough to read at once. */
export const MAX_PAGE = 500;

export function useMarkets() {
  return useQuery({
    queryKey: keys.markets,
    queryFn: ({ signal }) => api<Regions>('/markets', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** A provider's resellers (IsIndirectCloudSolutionProviderOf) or a reseller's providers (IsIndirectResellerOf). */
export function useRelationships(type: RelationshipType, enabled = true) {
  return useQuery({
    queryKey: keys.relationships.list(type),
    queryFn: ({ signal }) => api<Collection<Relationship>>('/relationships', { query: { relationshipType: type, size: MAX_PAGE }, signal }),
    enabled,
  });
}

export function useCustomers(filters: { q?: string; resellerTenantId?: string }) {
  return useInfiniteQuery({
    queryKey: keys.customers.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<Customer>>(pageParam, { signal })
        : api<Collection<Customer>>('/customers', { query: { size: 50, q: filters.q || undefined, resellerTenantId: filters.resellerTenantId }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

export function useSubscriptions(customerId: string, enabled = true) {
  return useQuery({
    queryKey: keys.subscriptions(customerId),
    queryFn: ({ signal }) =>
      api<Collection<Subscription>>(`/customers/${encodeURIComponent(customerId)}/subscriptions`, { query: { size: MAX_PAGE }, signal }),
    enabled,
  });
}
