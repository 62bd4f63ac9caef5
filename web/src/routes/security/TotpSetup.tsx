import { useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useConfirmTotp, useStartTotp } from '../../api/security';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBar } from '../../components/ErrorBar';
import { fieldError } from '../../problem';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: '12px' },
  qr: { width: '180px', height: '180px', backgroundColor: '#fff', padding: '8px', borderRadius: tokens.borderRadiusMedium, alignSelf: 'flex-start' },
  secretRow: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  secret: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
    wordBreak: 'break-all',
  },
  confirm: { display: 'flex', gap: '8px', alignItems: 'flex-end' },
});

/**
 * Adds an authenticator app (TOTP): the QR code and the secret, shown once, then the app's current code
 * confirms it. `onDone` gets the recovery codes when this is the user's first second factor.
 */
export function TotpSetup({ onDone, onCancel }: { onDone(recoveryCodes: string[] | undefined): void; onCancel?(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const start = useStartTotp();
  const confirm = useConfirmTotp({ onSuccess: (result) => onDone(result.recoveryCodes) });
  const enrolment = start.data;

  if (!enrolment) {
    return (
      <div className={styles.column}>
        <ErrorBar error={start.error} testId="totp-start-error" />
        <Body1 as="p">{t('security.totp.startIntro')}</Body1>
        <div className={styles.secretRow}>
          <Button appearance="primary" onClick={() => start.mutate()} disabled={start.isPending} data-testid="totp-start">
            {t('security.totp.start')}
          </Button>
          {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
        </div>
      </div>
    );
  }

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return;
    confirm.mutate(code.trim());
  };
  const codeError = fieldError(confirm.error, '/code');

  return (
    <form className={styles.column} onSubmit={onConfirm} noValidate data-testid="totp-setup">
      <Body1 as="p">{t('security.totp.scan')}</Body1>
      <img className={styles.qr} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`} alt={t('security.totp.qrAlt')} data-testid="totp-qr" />
      <Body1 as="p">{t('security.totp.manual')}</Body1>
      <div className={styles.secretRow}>
        <code className={styles.secret} data-testid="totp-secret">
          {enrolment.secret}
        </code>
        <CopyButton text={enrolment.secret} data-testid="totp-secret-copy" />
      </div>
      <ErrorBar error={confirm.error} fieldPaths={['/code']} testId="totp-confirm-error" />
      <div className={styles.confirm}>
        <Field label={t('security.totp.code')} validationMessage={codeError} validationState={codeError ? 'error' : 'none'}>
          <Input
            value={code}
            onChange={(_event, data) => setCode(data.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-testid="totp-code"
          />
        </Field>
        <Button appearance="primary" type="submit" disabled={confirm.isPending || code.length !== 6} data-testid="totp-confirm">
          {t('security.totp.confirm')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </div>
    </form>
  );
}
