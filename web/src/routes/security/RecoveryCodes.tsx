import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, max-content)',
    columnGap: '24px',
    rowGap: '6px',
    padding: '12px 16px',
    margin: 0,
    listStyleType: 'none',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    userSelect: 'all',
  },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** Ten recovery codes, shown this once: each signs in one time instead of the second factor. */
export function RecoveryCodesShown({ codes }: { codes: readonly string[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${t('security.recoveryCodes.fileHeading')}\n\n${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'channel-center-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Body1 as="p">{t('security.recoveryCodes.intro')}</Body1>
      <ul className={styles.grid} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ul>
      <div className={styles.actions}>
        <CopyButton text={text} data-testid="recovery-codes-copy" />
        <Button icon={<ArrowDownloadRegular />} onClick={download} data-testid="recovery-codes-download">
          {t('security.recoveryCodes.download')}
        </Button>
      </div>
      <Body1 as="p">{t('security.recoveryCodes.once')}</Body1>
    </>
  );
}
