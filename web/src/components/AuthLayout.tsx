import type { ReactNode } from 'react';
import { Card, Subtitle2, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LanguageMenu } from './LanguageMenu';
import { BrandMark } from './BrandMark';
import { SkipLink } from './SkipLink';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    boxSizing: 'border-box',
    padding: '24px 16px 48px',
  },
  header: {
    width: '100%',
    maxWidth: '960px',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginBottom: '32px',
  },
  brand: { display: 'flex', alignItems: 'center', gap: '8px', color: tokens.colorNeutralForeground1 },
  card: { width: '100%', maxWidth: '480px', padding: '28px', boxSizing: 'border-box' },
  wide: { maxWidth: '560px' },
  title: { marginBottom: '4px' },
  subtitle: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, marginBottom: '12px' },
});

export interface AuthLayoutProps {
  title: string;
  subtitle?: string;
  wide?: boolean;
  /** Language menu in the header; on by default. */
  showLanguageMenu?: boolean;
  headerEnd?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** Centered card layout for sign-in, sign-up and other pages outside the shell. */
export function AuthLayout({ title, subtitle, wide, showLanguageMenu = true, headerEnd, children, testId }: AuthLayoutProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.page} data-testid={testId}>
      <SkipLink />
      <header className={styles.header}>
        <div className={styles.brand}>
          <BrandMark />
          <Subtitle2 as="span">{t('app.brand')}</Subtitle2>
        </div>
        <div>
          {headerEnd}
          {showLanguageMenu ? <LanguageMenu /> : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} style={{ width: '100%', display: 'flex', justifyContent: 'center', outline: 'none' }}>
        <Card className={mergeClasses(styles.card, wide && styles.wide)}>
          <Title3 as="h1" className={styles.title}>
            {title}
          </Title3>
          {subtitle ? (
            <Subtitle2 as="p" className={styles.subtitle}>
              {subtitle}
            </Subtitle2>
          ) : null}
          {children}
        </Card>
      </main>
    </div>
  );
}
