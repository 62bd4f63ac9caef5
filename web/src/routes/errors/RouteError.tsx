import { Body1, Button, Card, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: '16px',
    boxSizing: 'border-box',
  },
  card: { maxWidth: '480px', width: '100%', padding: '24px', display: 'flex', flexDirection: 'column', gap: '12px' },
});

/** Shown when a page fails to render or its code can't be loaded (e.g. after a new release). */
export function RouteError() {
  const styles = useStyles();
  const { t } = useTranslation();
  const error = useRouteError();
  const chunkFailed = error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <div className={styles.page} data-testid="route-error">
      <Card className={styles.card}>
        <Title3 as="h1">{t('routeError.title')}</Title3>
        <Body1>{chunkFailed ? t('routeError.newVersion') : t('routeError.message')}</Body1>
        <div>
          <Button appearance="primary" icon={<ArrowClockwiseRegular />} onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
