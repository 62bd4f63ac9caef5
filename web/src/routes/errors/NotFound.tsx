import { Body1, Button, makeStyles } from '@fluentui/react-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', alignItems: 'flex-start' },
});

/** Content of the not-found page, shown inside the shell or the sign-in layout. */
export function NotFoundContent({ signedIn }: { signedIn: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className={styles.root} data-testid="not-found-page">
      {signedIn ? <PageHeader title={t('notFound.title')} /> : null}
      <Body1>{t('notFound.message')}</Body1>
      <Button appearance="primary" onClick={() => navigate(signedIn ? '/' : '/signin')} data-testid="not-found-home">
        {signedIn ? t('notFound.goHome') : t('notFound.goSignIn')}
      </Button>
    </div>
  );
}
