import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Collection } from '@contracts/platform';
import type { User } from '@contracts/identity';
import type { Customer } from '@contracts/customers';
import type { DirectoryProvider, Relationship, ResellerInvitation, ResellerInvitationDescription } from '@contracts/relationships';
import type { Language } from '../i18n';
import { MAX_PAGE } from './channel';
import { keys } from './keys';
import type { MutationOptions } from './options';

export interface DirectoryFilters {
  country?: string;
  region?: string;
  service?: string;
  q?: string;
}

/** The provider directory, page by page (`links.next` followed as given). */
export function useProviderDirectory(filters: DirectoryFilters) {
  return useInfiniteQuery({
    queryKey: keys.providerDirectory(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<DirectoryProvider>>(pageParam, { signal })
        : api<Collection<DirectoryProvider>>('/providers', { query: { size: 50, ...filters }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** REL-7: the customers a reseller shares with one provider; nothing is read until one is chosen. */
export function useSharedCustomers(relationship: Relationship | null) {
  return useQuery({
    queryKey: keys.sharedCustomers(relationship?.id),
    queryFn: ({ signal }) => api<Collection<Customer>>(`/relationships/${encodeURIComponent(relationship!.id)}/customers`, { signal }),
    enabled: !!relationship,
  });
}

export function useEndRelationship(options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/relationships/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  });
}

export function useRemoveAdminAccess(options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/relationships/${encodeURIComponent(id)}/admin-access`, { method: 'DELETE' }),
  });
}

export function usePendingResellerInvitations() {
  return useQuery({
    queryKey: keys.resellerInvitations.pending,
    queryFn: ({ signal }) => api<Collection<ResellerInvitation>>('/reseller-invitations', { query: { status: 'pending', size: MAX_PAGE }, signal }),
  });
}

export function useRevokeResellerInvitation(options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/reseller-invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  });
}

export interface ResellerInvitationInput {
  email?: string;
  locale: Language;
}

export function useCreateResellerInvitation(options?: MutationOptions<ResellerInvitation, ResellerInvitationInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: ResellerInvitationInput) => api<ResellerInvitation>('/reseller-invitations', { method: 'POST', body }),
  });
}

/** The users of a reseller's tenant, searched by `q`, page by page. */
export function useResellerUsers(tenantId: string, q: string) {
  const basePath = `/tenants/${encodeURIComponent(tenantId)}/users`;
  return useInfiniteQuery({
    queryKey: keys.resellerUsers.list(tenantId, q),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam ? api<Collection<User>>(pageParam, { signal }) : api<Collection<User>>(basePath, { query: { size: 50, q: q || undefined }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** What a reseller-invitation link offers, in the reader's language. */
export function useResellerInvitationLink(token: string, language: string) {
  return useQuery({
    queryKey: keys.resellerInvitationLink(token, language),
    queryFn: ({ signal }) => api<ResellerInvitationDescription>(`/invitations/reseller/${encodeURIComponent(token)}`, { signal }),
  });
}

export function useAcceptResellerInvitation(token: string, options?: MutationOptions<{ id: string }>) {
  return useMutation({
    ...options,
    mutationFn: () => api<{ id: string }>(`/invitations/reseller/${encodeURIComponent(token)}/accept`, { method: 'POST', body: { confirm: true } }),
  });
}
