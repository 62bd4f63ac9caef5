import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Collection } from '@contracts/platform';
import type { User } from '@contracts/identity';
import type {
  CreateCustomerInvitationBody,
  CreatedCustomer,
  Customer,
  CustomerInvitation,
  CustomerInvitationDescription,
  DelegatedAccess,
  DelegatedAdmin,
  DelegatedAdminApproval,
  DelegatedAdminBody,
  PartnerRelationship,
  RequestedDelegatedAdminRelationship,
} from '@contracts/customers';
import type { UserLicense } from '@contracts/commerce';
import { MAX_PAGE } from './channel';
import { keys } from './keys';
import type { MutationOptions } from './options';

export function useCustomer(customerId: string, enabled = true) {
  return useQuery({
    queryKey: keys.customer(customerId),
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(customerId)}`, { signal }),
    enabled,
  });
}

export function useCreateCustomer(options?: MutationOptions<CreatedCustomer, unknown>) {
  return useMutation({
    ...options,
    mutationFn: (body: unknown) => api<CreatedCustomer>('/customers', { method: 'POST', body }),
  });
}

export function usePendingCustomerInvitations() {
  return useQuery({
    queryKey: keys.customerInvitations.pending,
    queryFn: ({ signal }) => api<Collection<CustomerInvitation>>('/customer-invitations', { query: { status: 'pending', size: MAX_PAGE }, signal }),
  });
}

export function useCreateCustomerInvitation(options?: MutationOptions<CustomerInvitation, CreateCustomerInvitationBody>) {
  return useMutation({
    ...options,
    mutationFn: (body: CreateCustomerInvitationBody) => api<CustomerInvitation>('/customer-invitations', { method: 'POST', body }),
  });
}

export function useRevokeCustomerInvitation(options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/customer-invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  });
}

/** The users of a customer's tenant (CUS: delegated admins see them through the customer's path). */
export function customerUsersPath(customerId: string): string {
  return `/customers/${encodeURIComponent(customerId)}/users`;
}

export function useCustomerUsers(customerId: string) {
  return useQuery({
    queryKey: keys.customerUsers(customerId),
    queryFn: ({ signal }) => api<Collection<User>>(customerUsersPath(customerId), { query: { size: MAX_PAGE }, signal }),
  });
}

function licensePath(customerId: string, userId: string) {
  return `/customers/${encodeURIComponent(customerId)}/users/${encodeURIComponent(userId)}/licenses`;
}

/** A customer user's licenses; `userId` null while no user is chosen (nothing is read). */
export function useLicenses(customerId: string, userId: string | null) {
  return useQuery({
    queryKey: keys.licenses(customerId, userId ?? ''),
    queryFn: ({ signal }) => api<{ items: UserLicense[] }>(licensePath(customerId, userId!), { signal }),
    enabled: userId !== null,
  });
}

export function useAssignLicense(customerId: string, userId: () => string, options?: MutationOptions<unknown, string>) {
  return useMutation({
    ...options,
    mutationFn: (subscriptionId: string) => api<unknown>(licensePath(customerId, userId()), { method: 'POST', body: { subscriptionId } }),
  });
}

export function useRemoveLicense(customerId: string, userId: string, options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (subscriptionId: string) => api<void>(licensePath(customerId, userId), { method: 'DELETE', body: { subscriptionId } }),
  });
}

/** The delegated-admin relationships partners hold in a customer's tenant. */
export function useDelegatedAdminRelationships(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.delegatedAdmin(customerId),
    queryFn: ({ signal }) => api<Collection<DelegatedAdmin>>(`/customers/${encodeURIComponent(customerId)}/delegated-admin-relationships`, { signal }),
    enabled,
  });
}

/** ACC-3: what the signed-in user may do in a customer's tenant (its groups' access assignments there). */
export function useDelegatedAccess(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.delegatedAccess(customerId),
    queryFn: ({ signal }) => api<DelegatedAccess>(`/customers/${encodeURIComponent(customerId)}/delegated-access`, { signal }),
    enabled,
  });
}

/** What a delegated-admin approval link asks: partner, roles, duration (the customer's global admin reads it). */
export function useDelegatedAdminApproval(token: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.delegatedAdminApproval(token),
    queryFn: ({ signal }) => api<DelegatedAdminApproval>(`/delegated-admin-approvals/${encodeURIComponent(token)}`, { signal }),
    enabled,
    retry: false,
  });
}

/** A partner asks an existing customer for delegated-admin roles; the answer carries the approval link and who was mailed. */
export function useRequestDelegatedAdmin(customerId: string, options?: MutationOptions<RequestedDelegatedAdminRelationship, DelegatedAdminBody>) {
  return useMutation({
    ...options,
    mutationFn: (body: DelegatedAdminBody) =>
      api<RequestedDelegatedAdminRelationship>(`/customers/${encodeURIComponent(customerId)}/delegated-admin-relationships`, { method: 'POST', body }),
  });
}

export function useApproveDelegatedAdmin(token: string, options?: MutationOptions<DelegatedAdmin>) {
  return useMutation({
    ...options,
    mutationFn: () => api<DelegatedAdmin>('/delegated-admin-approvals', { method: 'POST', body: { token } }),
  });
}

/** The customer's own view of its partners. */
export function usePartnerRelationships() {
  return useQuery({
    queryKey: keys.partnerRelationships,
    queryFn: ({ signal }) => api<Collection<PartnerRelationship>>('/partner-relationships', { signal }),
  });
}

export function useEndDelegatedAdmin(options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/partner-relationships/${encodeURIComponent(id)}/delegated-admin`, { method: 'DELETE' }),
  });
}

/** What a customer-invitation link offers, in the reader's language. */
export function useCustomerInvitationLink(token: string, language: string) {
  return useQuery({
    queryKey: keys.customerInvitationLink(token, language),
    queryFn: ({ signal }) => api<CustomerInvitationDescription>(`/invitations/customer/${encodeURIComponent(token)}`, { signal }),
  });
}

export function useAcceptCustomerInvitation(token: string, options?: MutationOptions<{ customerTenantId: string }>) {
  return useMutation({
    ...options,
    mutationFn: () => api<{ customerTenantId: string }>(`/invitations/customer/${encodeURIComponent(token)}/accept`, { method: 'POST', body: { confirm: true } }),
  });
}
