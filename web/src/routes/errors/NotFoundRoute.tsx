import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { CHANGE_PASSWORD_PATH } from '../../components/RequireAuth';
import { Loading } from '../../components/Loading';
import { Shell } from '../../components/Shell';
import { useMe, useUserLanguageSync } from '../../session';
import { NotFoundContent } from './NotFound';

/** Unknown addresses: inside the shell when signed in, otherwise on its own. */
export default function NotFoundRoute() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  useUserLanguageSync(me);
  if (isPending) return <Loading fullPage />;
  if (me?.user.mustChangePassword) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  if (me) {
    return (
      <Shell>
        <NotFoundContent signedIn />
      </Shell>
    );
  }
  return (
    <AuthLayout title={t('notFound.title')}>
      <NotFoundContent signedIn={false} />
    </AuthLayout>
  );
}
