// Apps (client credentials for integrations) of the signed-in global admin's tenant: the list, registering
// one (its secret comes back once), renaming, changing permissions, disabling, deleting, and its secrets
// (a new one to rotate, shown once; revoking). Every change refreshes the tenant's list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Collection } from '@contracts/platform';
import type { App, AppBody, AppPatch, NewAppSecret, RegisteredApp, SecretBody } from '@contracts/identity/apps';
import { api } from '../api';
import { keys } from './keys';
import type { MutationOptions } from './options';

const appsPath = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}/apps`;
const appPath = (tenantId: string, appId: string) => `${appsPath(tenantId)}/${encodeURIComponent(appId)}`;

/**
 * What an app may be given, of the permissions the signed-in user holds: all but registering apps and
 * accepting agreements (the server's appPermissions, src/platform/access.ts, refuses those too).
 */
export function grantableToApps(permissions: readonly string[]): AppPermission[] {
  return permissions.filter((permission): permission is AppPermission => permission !== 'apps.manage' && permission !== 'agreements.accept');
}

/** A permission an app may be given, as the contract names it. */
export type AppPermission = AppBody['permissions'][number];

export function useApps(tenantId: string) {
  return useQuery({
    queryKey: keys.apps(tenantId),
    queryFn: ({ signal }) => api<Collection<App>>(appsPath(tenantId), { query: { size: 500 }, signal }),
  });
}

/** Refreshes the tenant's apps after a change (then calls the page's own onSuccess). */
function useRefreshingMutation<TData, TVariables>(tenantId: string, mutationFn: (variables: TVariables) => Promise<TData>, options?: MutationOptions<TData, TVariables>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: async (data, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: keys.apps(tenantId) });
      await options?.onSuccess?.(data, ...rest);
    },
  });
}

export function useRegisterApp(tenantId: string, options?: MutationOptions<RegisteredApp, AppBody>) {
  return useRefreshingMutation(tenantId, (body: AppBody) => api<RegisteredApp>(appsPath(tenantId), { method: 'POST', body }), options);
}

export function useUpdateApp(tenantId: string, options?: MutationOptions<App, { appId: string; patch: AppPatch }>) {
  return useRefreshingMutation(tenantId, ({ appId, patch }: { appId: string; patch: AppPatch }) => api<App>(appPath(tenantId, appId), { method: 'PATCH', body: patch }), options);
}

export function useDeleteApp(tenantId: string, options?: MutationOptions<void, string>) {
  return useRefreshingMutation(tenantId, (appId: string) => api<void>(appPath(tenantId, appId), { method: 'DELETE' }), options);
}

export function useAddAppSecret(tenantId: string, options?: MutationOptions<NewAppSecret, { appId: string; body?: SecretBody }>) {
  return useRefreshingMutation(
    tenantId,
    ({ appId, body }: { appId: string; body?: SecretBody }) => api<NewAppSecret>(`${appPath(tenantId, appId)}/secrets`, { method: 'POST', body: body ?? {} }),
    options,
  );
}

export function useRevokeAppSecret(tenantId: string, options?: MutationOptions<void, { appId: string; secretId: string }>) {
  return useRefreshingMutation(
    tenantId,
    ({ appId, secretId }: { appId: string; secretId: string }) => api<void>(`${appPath(tenantId, appId)}/secrets/${encodeURIComponent(secretId)}`, { method: 'DELETE' }),
    options,
  );
}
