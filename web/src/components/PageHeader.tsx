import type { ReactNode } from 'react';
import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'flex-start', gap: '16px', marginBottom: '20px', flexWrap: 'wrap', minWidth: 0 },
  text: { display: 'flex', flexDirection: 'column', gap: '4px', flexGrow: 1, minWidth: 'min(240px, 100%)', overflowWrap: 'anywhere' },
  description: { color: tokens.colorNeutralForeground3 },
  // The actions wrap onto more lines rather than run past a narrow window.
  actions: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
});

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.text}>
        <Title2 as="h1" data-testid="page-title">
          {title}
        </Title2>
        {description ? <Body1 className={styles.description}>{description}</Body1> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}
