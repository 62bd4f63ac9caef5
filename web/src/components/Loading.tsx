import { Spinner, makeStyles, mergeClasses } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: { display: 'flex', justifyContent: 'center', alignItems: 'center', padding: '48px', minHeight: '120px' },
  full: { minHeight: '100vh' },
});

export function Loading({ fullPage = false }: { fullPage?: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={mergeClasses(styles.root, fullPage && styles.full)}>
      <Spinner label={t('common.loading')} data-testid="loading" />
    </div>
  );
}
