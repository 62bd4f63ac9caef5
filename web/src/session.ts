import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './api';
import { isLanguage, setLanguage } from './i18n';
import { ME_QUERY_KEY } from './queryClient';
import type { Me, SessionProbe, SignedIn, User } from '@contracts/identity';
import type { MfaChallengeStarted } from '@contracts/identity/mfa';
import { hasPermission } from './permissions';

/**
 * The signed-in user (what GET /v1/me answers), or null when nobody is signed in. Asked through the
 * session probe (GET /v1/auth/session answers 200 either way), so a page seen anonymously logs no 401.
 */
export async function fetchMe(): Promise<Me | null> {
  const session = await api<SessionProbe>('/auth/session');
  setCsrfToken(session.me?.csrfToken ?? null);
  return session.me;
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** Keeps the UI language in step with the signed-in user's preference. */
export function useUserLanguageSync(me: Me | null | undefined): void {
  const language = me?.user.language;
  useEffect(() => {
    if (isLanguage(language)) void setLanguage(language);
  }, [language]);
}

export function usePermission(permission: string): boolean {
  const { data } = useMe();
  return hasPermission(data?.permissions, permission);
}

export interface SignInInput {
  email: string;
  password: string;
}

/** A password sign-in's answer: a session, or (ACC-4) the second step still to take. */
export type SignInResult = SignedIn | MfaChallengeStarted;

export function isMfaChallenge(result: SignInResult): result is MfaChallengeStarted {
  return 'mfaRequired' in result && result.mfaRequired === true;
}

/** After any sign-in that started a session (password, second step, passkey): the session's token, language and user. */
export function useSessionStarted() {
  const queryClient = useQueryClient();
  return async (session: SignedIn) => {
    setCsrfToken(session.csrfToken);
    if (isLanguage(session.user.language)) await setLanguage(session.user.language);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    await queryClient.fetchQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 0 });
  };
}

export function useSignIn() {
  const sessionStarted = useSessionStarted();
  return useMutation({
    mutationFn: (input: SignInInput) => api<SignInResult>('/auth/sessions', { method: 'POST', body: input }),
    onSuccess: async (result) => {
      if (!isMfaChallenge(result)) await sessionStarted(result);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api<void>('/auth/sessions/current', { method: 'DELETE' });
      } catch (error) {
        // Already signed out on the server: the local state is cleared all the same.
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: () => {
      setCsrfToken(null);
      queryClient.setQueryData(ME_QUERY_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    },
  });
}

/** Writes an updated user (from PATCH /v1/me) into the cached session. */
export function useStoreMeUser() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (current) => (current ? { ...current, user } : current));
  };
}
