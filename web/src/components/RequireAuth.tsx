import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe, useUserLanguageSync } from '../session';
import { Loading } from './Loading';
import { ErrorBar } from './ErrorBar';

export const CHANGE_PASSWORD_PATH = '/change-password';
/** ACC-4: where a user who must have a second factor and has none is kept until it adds one. */
export const MFA_ENROLMENT_PATH = '/security/enrol';

/**
 * Renders its children only for a signed-in user. Sends everyone else to the sign-in page
 * and a user holding a temporary password to the change-password page first.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data: me, isPending, error } = useMe();
  useUserLanguageSync(me);

  if (isPending) return <Loading fullPage />;
  if (error) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorBar error={error} />
      </div>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    const target = next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin';
    return <Navigate to={target} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  // ACC-4: a user who must have a second factor and has none enrols before anything else opens.
  if (!me.user.mustChangePassword && me.mfa.enrolmentRequired && location.pathname !== MFA_ENROLMENT_PATH) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `${MFA_ENROLMENT_PATH}?next=${encodeURIComponent(next)}` : MFA_ENROLMENT_PATH} replace />;
  }
  return <>{children}</>;
}

/** Renders its children only when nobody is signed in (sign-in and sign-up pages). */
export function RequireAnonymous({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data: me, isPending } = useMe();
  if (isPending) return <Loading fullPage />;
  if (me) {
    const next = safeNextPath(new URLSearchParams(location.search).get('next'));
    if (me.user.mustChangePassword) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    // ACC-4: a second factor first, then on to where the sign-in was going (public pages too).
    if (me.mfa.enrolmentRequired) return <Navigate to={next !== '/' ? `${MFA_ENROLMENT_PATH}?next=${encodeURIComponent(next)}` : MFA_ENROLMENT_PATH} replace />;
    return <Navigate to={next} replace />;
  }
  return <>{children}</>;
}

/** A safe in-app path from a `next` query parameter (never another origin). */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
