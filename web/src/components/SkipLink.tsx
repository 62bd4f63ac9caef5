import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  link: {
    position: 'absolute',
    left: '8px',
    top: '8px',
    zIndex: 1000,
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow8,
    textDecoration: 'underline',
    // Visually hidden until focused, but still reachable with the keyboard and by screen readers.
    clipPath: 'inset(50%)',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    ':focus': {
      clipPath: 'none',
      width: 'auto',
      height: 'auto',
      overflow: 'visible',
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
});

/** "Skip to main content": the first focusable element of a page; moves focus to the element with id="main". */
export function SkipLink() {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <a
      className={styles.link}
      href="#main"
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}
