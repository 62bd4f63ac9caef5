import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, apiWithEtag, apiWithEtagOrNull, type QueryValue } from '../api';
import type { AuditRecord, Collection, Notification, Notifications, NotificationsRead } from '@contracts/platform';
import type { AddedUser, CreatedTenant, CreateTenantBody, User, UserPasswordReset } from '@contracts/identity';
import type { ConnectionBody, IdentityProviderConnection, IdentityProviderDomain } from '@contracts/identity/sso';
import type { Language } from '../i18n';
import { keys } from './keys';
import type { MutationOptions } from './options';

const USERS_PAGE_SIZE = 50;
const NOTIFICATIONS_PAGE_SIZE = 25;

/** The tenant's users, searched by `search`, page by page (`links.next` followed as given). */
export function useUsers(search: string) {
  return useInfiniteQuery({
    queryKey: keys.users.list(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<User>>(pageParam, { signal })
        : api<Collection<User>>('/users', { query: { size: USERS_PAGE_SIZE, q: search || undefined }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** Every user of the tenant at once (names for the audit log), when the reader may see them. */
export function useUserDirectory(enabled: boolean) {
  return useQuery({
    queryKey: keys.users.directory,
    queryFn: ({ signal }) => api<Collection<User>>('/users', { query: { size: 500 }, signal }),
    enabled,
    staleTime: 60_000,
  });
}

export interface UserStateChange {
  user: User;
  state: 'active' | 'inactive';
}

export function useChangeUserState(options?: MutationOptions<User, UserStateChange>) {
  return useMutation({
    ...options,
    mutationFn: ({ user, state }: UserStateChange) => api<User>(`/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { state } }),
  });
}

/** Gives a user the adminAgent role, keeping the others. */
export function useAddAdminAgent(options?: MutationOptions<User, User>) {
  return useMutation({
    ...options,
    mutationFn: (user: User) =>
      api<User>(`/users/${encodeURIComponent(user.id)}`, {
        method: 'PATCH',
        body: { roles: [...user.roles.filter((role) => role !== 'adminAgent'), 'adminAgent'] },
      }),
  });
}

export interface AddUserInput {
  displayName: string;
  email: string;
  roles: string[];
}

/** Adds a user to the users collection at `basePath` (the own tenant's, or one administered on its owner's behalf). */
export function useAddUser(basePath: string, options?: MutationOptions<AddedUser, AddUserInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: AddUserInput) => api<AddedUser>(basePath, { method: 'POST', body }),
  });
}

export interface EditUserInput {
  displayName: string;
  roles: string[];
}

export function useEditUser(basePath: string, userId: string, options?: MutationOptions<User, EditUserInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: EditUserInput) => api<User>(`${basePath}/${encodeURIComponent(userId)}`, { method: 'PATCH', body }),
  });
}

export function useResetUserPassword(basePath: string, options?: MutationOptions<UserPasswordReset, string>) {
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<UserPasswordReset>(`${basePath}/${encodeURIComponent(id)}/password-reset`, { method: 'POST' }),
  });
}

export function useUpdateDisplayName(options?: MutationOptions<User, string>) {
  return useMutation({
    ...options,
    mutationFn: (value: string) => api<User>('/me', { method: 'PATCH', body: { displayName: value } }),
  });
}

export function useUpdateLanguage(options?: Omit<MutationOptions<User, Language>, 'onMutate' | 'onError'> & {
  onMutate?(language: Language): Promise<{ previous: Language }>;
  onError?(error: Error, language: Language, context: { previous: Language } | undefined): Promise<void> | void;
}) {
  return useMutation({
    ...options,
    mutationFn: (language: Language) => api<User>('/me', { method: 'PATCH', body: { language } }),
  });
}

export function useChangePassword(options?: MutationOptions<void, { currentPassword: string; newPassword: string }>) {
  return useMutation({
    ...options,
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api<void>('/me/password', { method: 'POST', body }),
  });
}

export function useRequestPasswordReset(options?: MutationOptions<{ status: string }, string>) {
  return useMutation({
    ...options,
    mutationFn: (email: string) => api<{ status: string }>('/auth/password-resets', { method: 'POST', body: { email } }),
  });
}

export function useConfirmPasswordReset(options?: MutationOptions<void, { token: string | null; newPassword: string }>) {
  return useMutation({
    ...options,
    mutationFn: (body: { token: string | null; newPassword: string }) => api<void>('/auth/password-resets/confirm', { method: 'POST', body }),
  });
}

export type SignUpInput = CreateTenantBody;

export function useCreateTenant(options?: MutationOptions<CreatedTenant, SignUpInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: SignUpInput) => api<CreatedTenant>('/tenants', { method: 'POST', body }),
  });
}

export function useStartSso(options?: MutationOptions<{ authorizationUrl: string }, { email: string; next?: string }>) {
  return useMutation({
    ...options,
    mutationFn: (input: { email: string; next?: string }) => api<{ authorizationUrl: string }>('/sso/start', { method: 'POST', body: input }),
  });
}

/** The audit records matching `query`, page by page. */
export function useAuditRecords(query: Record<string, QueryValue>, pageSize: number) {
  return useInfiniteQuery({
    queryKey: keys.auditRecords(query),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<AuditRecord>>(pageParam, { signal })
        : api<Collection<AuditRecord>>('/audit-records', { query: { ...query, size: pageSize }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: keys.notifications,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam ? api<Notifications>(pageParam, { signal }) : api<Notifications>('/me/notifications', { query: { size: NOTIFICATIONS_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

/** How many of the signed-in user's mails are unread (the navigation's badge), read again every minute. */
export function useUnreadNotificationCount(enabled: boolean) {
  return useQuery({
    queryKey: keys.notificationsUnread,
    queryFn: async ({ signal }) => (await api<Notifications>('/me/notifications', { query: { size: 1 }, signal })).unreadCount,
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** Marks a mail read when its reader opens it; the list and the badge follow. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Notification>(`/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: (read) => {
      queryClient.setQueryData<InfiniteData<Notifications>>(keys.notifications, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === read.id ? read : item)) })),
        },
      );
      void queryClient.invalidateQueries({ queryKey: keys.notifications });
    },
  });
}

export function useMarkAllNotificationsRead(options?: MutationOptions<NotificationsRead>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: () => api<NotificationsRead>('/me/notifications/read-all', { method: 'POST' }),
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: keys.notifications });
      await options?.onSuccess?.(...args);
    },
  });
}

/** Sends an invitation's (edited) draft email through Channel Center (REL-2 / CUS-1). */
export function useSendDraftEmail(sendPath: string, options?: MutationOptions<unknown, { to: string; subject: string; body: string }>) {
  return useMutation({
    ...options,
    mutationFn: (input: { to: string; subject: string; body: string }) => api<unknown>(sendPath, { method: 'POST', body: input }),
  });
}

export type { IdentityProviderConnection };

/** The connection (null when none is set up) with the ETag for If-Match. */
export interface LoadedIdentityProvider {
  connection: IdentityProviderConnection | null;
  etag: string | null;
}

/** A claimed domain and the DNS TXT record that proves control of it (ACC-5). */
export type DomainClaim = IdentityProviderDomain;

const identityProviderPath = (tenantId: string) => `/tenants/${tenantId}/identity-provider`;

export function useIdentityProvider(tenantId: string) {
  return useQuery({
    queryKey: keys.identityProvider(tenantId),
    queryFn: async ({ signal }): Promise<LoadedIdentityProvider> => {
      const { data, etag } = await apiWithEtagOrNull<IdentityProviderConnection>(identityProviderPath(tenantId), { signal });
      return { connection: data, etag };
    },
  });
}

const ifMatch = (etag: string | null | undefined) => (etag ? { 'If-Match': etag } : undefined);

export type IdentityProviderInput = ConnectionBody;

/** Connects or changes the identity provider; `etag` is the loaded connection's (sent as If-Match). */
export function useSaveIdentityProvider(tenantId: string, etag: () => string | null | undefined, options?: MutationOptions<{ data: IdentityProviderConnection; etag: string | null }, IdentityProviderInput>) {
  return useMutation({
    ...options,
    mutationFn: (body: IdentityProviderInput) => apiWithEtag<IdentityProviderConnection>(identityProviderPath(tenantId), { method: 'PUT', body, headers: ifMatch(etag()) }),
  });
}

export function useRemoveIdentityProvider(tenantId: string, etag: () => string | null | undefined, options?: MutationOptions<void>) {
  return useMutation({
    ...options,
    mutationFn: () => api<void>(identityProviderPath(tenantId), { method: 'DELETE', headers: ifMatch(etag()) }),
  });
}

const domainsPath = (tenantId: string) => `/tenants/${tenantId}/identity-provider/domains`;

export function useDomainClaims(tenantId: string) {
  return useQuery({ queryKey: keys.identityProviderDomains(tenantId), queryFn: ({ signal }) => api<{ items: DomainClaim[] }>(domainsPath(tenantId), { signal }) });
}

export function useClaimDomain(tenantId: string, options?: MutationOptions<DomainClaim, string>) {
  return useMutation({
    ...options,
    mutationFn: (value: string) => api<DomainClaim>(domainsPath(tenantId), { method: 'POST', body: { domain: value } }),
  });
}

export function useVerifyDomain(tenantId: string, options?: MutationOptions<DomainClaim, string>) {
  return useMutation({
    ...options,
    mutationFn: (value: string) => api<DomainClaim>(`${domainsPath(tenantId)}/${encodeURIComponent(value)}/verify`, { method: 'POST', body: {} }),
  });
}

export function useRemoveDomain(tenantId: string, options?: MutationOptions<void, string>) {
  return useMutation({
    ...options,
    mutationFn: (value: string) => api<void>(`${domainsPath(tenantId)}/${encodeURIComponent(value)}`, { method: 'DELETE' }),
  });
}
