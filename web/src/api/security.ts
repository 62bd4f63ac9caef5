// Sign-in security (ACC-4): the user's second factors (an authenticator app, passkeys, recovery
// codes), the sign-in's second step and the sign-in with a passkey alone, the program's and the
// organization's MFA policies, and a second-factor reset. Passkeys are made and used by the browser
// through @simplewebauthn/browser with the options the server gives.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { SignedIn } from '@contracts/identity';
import type {
  MfaResetBody,
  MyMfa,
  Passkey,
  PasskeyAuthenticationOptions,
  PasskeyRegistrationOptions,
  PasskeySignInOptions,
  ProgramMfaPolicy,
  RecoveryCodes,
  RegisteredPasskey,
  TenantMfaPolicy,
  TotpConfirmed,
  TotpEnrolment,
} from '@contracts/identity/mfa';
import { api } from '../api';
import { useSessionStarted } from '../session';
import { keys } from './keys';
import type { MutationOptions } from './options';

/** The signed-in user's factors and where it stands (GET /v1/me/mfa). */
export function useMyMfa() {
  return useQuery({ queryKey: keys.security.mine, queryFn: ({ signal }) => api<MyMfa>('/me/mfa', { signal }) });
}

/** After a factor changed: the factors and the session's MFA status (GET /v1/me) are read again. */
function useRefreshMfa() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.security.mine }), queryClient.invalidateQueries({ queryKey: keys.me })]);
}

// ---------------------------------------------------------------- authenticator app (TOTP)

export function useStartTotp(options?: MutationOptions<TotpEnrolment>) {
  return useMutation({ ...options, mutationFn: () => api<TotpEnrolment>('/me/mfa/totp', { method: 'POST' }) });
}

export function useConfirmTotp(options?: MutationOptions<TotpConfirmed, string>) {
  const refresh = useRefreshMfa();
  return useMutation({
    ...options,
    mutationFn: (code: string) => api<TotpConfirmed>('/me/mfa/totp/confirm', { method: 'POST', body: { code } }),
    onSettled: () => refresh(),
  });
}

export function useRemoveTotp(options?: MutationOptions<void>) {
  const refresh = useRefreshMfa();
  return useMutation({ ...options, mutationFn: () => api<void>('/me/mfa/totp', { method: 'DELETE' }), onSettled: () => refresh() });
}

// ---------------------------------------------------------------- passkeys

/** Registers a passkey: the server's options, the browser's authenticator, then the server again. */
export function useAddPasskey(options?: MutationOptions<RegisteredPasskey, string>) {
  const refresh = useRefreshMfa();
  return useMutation({
    ...options,
    mutationFn: async (name: string) => {
      const optionsJSON = await api<PasskeyRegistrationOptions>('/me/mfa/passkeys/options', { method: 'POST' });
      const passkey = await startRegistration({ optionsJSON });
      return api<RegisteredPasskey>('/me/mfa/passkeys', { method: 'POST', body: { name, passkey } });
    },
    onSettled: () => refresh(),
  });
}

export function useRenamePasskey(options?: MutationOptions<Passkey, { id: string; name: string }>) {
  const refresh = useRefreshMfa();
  return useMutation({
    ...options,
    mutationFn: ({ id, name }: { id: string; name: string }) => api<Passkey>(`/me/mfa/passkeys/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
    onSettled: () => refresh(),
  });
}

export function useRemovePasskey(options?: MutationOptions<void, string>) {
  const refresh = useRefreshMfa();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api<void>(`/me/mfa/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => refresh(),
  });
}

export function useRegenerateRecoveryCodes(options?: MutationOptions<RecoveryCodes>) {
  const refresh = useRefreshMfa();
  return useMutation({ ...options, mutationFn: () => api<RecoveryCodes>('/me/mfa/recovery-codes', { method: 'POST' }), onSettled: () => refresh() });
}

// ---------------------------------------------------------------- signing in

/** The second step of a sign-in, answered with a code, a recovery code or the user's passkey. */
export type SecondStep = { challengeId: string } & ({ code: string } | { recoveryCode: string } | { passkey: true });

export function useCompleteSecondStep(options?: MutationOptions<SignedIn, SecondStep>) {
  const sessionStarted = useSessionStarted();
  return useMutation({
    ...options,
    mutationFn: async (step: SecondStep) => {
      if ('passkey' in step) {
        const optionsJSON = await api<PasskeyAuthenticationOptions>('/auth/sessions/mfa/passkey-options', { method: 'POST', body: { challengeId: step.challengeId } });
        const passkey = await startAuthentication({ optionsJSON });
        return api<SignedIn>('/auth/sessions/mfa', { method: 'POST', body: { challengeId: step.challengeId, passkey } });
      }
      return api<SignedIn>('/auth/sessions/mfa', { method: 'POST', body: step });
    },
    onSuccess: async (session, ...rest) => {
      await sessionStarted(session);
      await options?.onSuccess?.(session, ...rest);
    },
  });
}

/**
 * Signs in with a passkey alone. `autofill`: the browser offers its passkeys in the email field's
 * suggestions (conditional UI) and the request waits until one is picked; otherwise it asks at once.
 */
export function usePasskeySignIn(options?: MutationOptions<SignedIn, { autofill: boolean }>) {
  const sessionStarted = useSessionStarted();
  return useMutation({
    ...options,
    mutationFn: async ({ autofill }: { autofill: boolean }) => {
      const started = await api<PasskeySignInOptions>('/auth/passkey-options', { method: 'POST', body: {} });
      const passkey = await startAuthentication({ optionsJSON: started.options, useBrowserAutofill: autofill });
      return api<SignedIn>('/auth/sessions/passkey', { method: 'POST', body: { challengeId: started.challengeId, passkey } });
    },
    onSuccess: async (session, ...rest) => {
      await sessionStarted(session);
      await options?.onSuccess?.(session, ...rest);
    },
  });
}

// ---------------------------------------------------------------- policies and resets

export function useProgramMfaPolicy() {
  return useQuery({ queryKey: keys.security.programPolicy, queryFn: ({ signal }) => api<ProgramMfaPolicy>('/operator/mfa-policy', { signal }) });
}

export function useSetProgramMfaPolicy(options?: MutationOptions<ProgramMfaPolicy, boolean>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (enforced: boolean) => api<ProgramMfaPolicy>('/operator/mfa-policy', { method: 'PUT', body: { enforced } }),
    onSuccess: (policy, ...rest) => {
      queryClient.setQueryData(keys.security.programPolicy, policy);
      void queryClient.invalidateQueries({ queryKey: keys.me });
      return options?.onSuccess?.(policy, ...rest);
    },
  });
}

export function useTenantMfaPolicy(tenantId: string | undefined) {
  return useQuery({
    queryKey: keys.security.tenantPolicy(tenantId ?? ''),
    queryFn: ({ signal }) => api<TenantMfaPolicy>(`/tenants/${encodeURIComponent(tenantId!)}/mfa-policy`, { signal }),
    enabled: !!tenantId,
  });
}

export function useSetTenantMfaPolicy(tenantId: string, options?: MutationOptions<TenantMfaPolicy, boolean>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (requireAllUsers: boolean) => api<TenantMfaPolicy>(`/tenants/${encodeURIComponent(tenantId)}/mfa-policy`, { method: 'PUT', body: { requireAllUsers } }),
    onSuccess: (policy, ...rest) => {
      queryClient.setQueryData(keys.security.tenantPolicy(tenantId), policy);
      void queryClient.invalidateQueries({ queryKey: keys.me });
      return options?.onSuccess?.(policy, ...rest);
    },
  });
}

export interface MfaReset extends MfaResetBody {
  tenantId: string;
  userId: string;
}

/** Removes a user's second factors (its organization's global admin, or the operator's support with a reason). */
export function useResetUserMfa(options?: MutationOptions<void, MfaReset>) {
  return useMutation({
    ...options,
    mutationFn: ({ tenantId, userId, reason }: MfaReset) =>
      api<void>(`/tenants/${encodeURIComponent(tenantId)}/users/${encodeURIComponent(userId)}/mfa`, { method: 'DELETE', body: reason ? { reason } : {} }),
  });
}
