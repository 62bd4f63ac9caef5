import { useState, type FormEvent } from 'react';
import { Body1, Button, Divider, Field, Input, Link, makeStyles } from '@fluentui/react-components';
import { KeyRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { MfaChallengeStarted } from '@contracts/identity/mfa';
import { useCompleteSecondStep } from '../../api/security';
import { fieldError } from '../../problem';
import { PasskeyErrorBar } from './PasskeyError';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', marginTop: '8px' },
  links: { display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'flex-start' },
});

/**
 * The sign-in's second step (ACC-4), after a correct password: the user's passkey, a code from its
 * authenticator app or one of its recovery codes, as its factors allow.
 */
export function SecondStep({ challenge, onSignedIn, onCancel }: { challenge: MfaChallengeStarted; onSignedIn(): void; onCancel(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const methods = challenge.methods;
  const [mode, setMode] = useState<'code' | 'recoveryCode'>(methods.includes('totp') ? 'code' : 'recoveryCode');
  const [value, setValue] = useState('');
  const complete = useCompleteSecondStep({ onSuccess: () => onSignedIn() });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const entered = value.trim();
    if (!entered) return;
    complete.mutate(mode === 'code' ? { challengeId: challenge.challengeId, code: entered } : { challengeId: challenge.challengeId, recoveryCode: entered });
  };
  const path = mode === 'code' ? '/code' : '/recoveryCode';
  const valueError = fieldError(complete.error, path);
  const typed = mode === 'code' ? methods.includes('totp') : methods.includes('recoveryCode');

  return (
    <div className={styles.form} data-testid="second-step">
      <PasskeyErrorBar error={complete.error} fieldPaths={[path]} testId="second-step-error" />
      {methods.includes('passkey') ? (
        <>
          <Body1 as="p">{t('security.secondStep.passkeyIntro')}</Body1>
          <Button appearance="primary" icon={<KeyRegular />} disabled={complete.isPending} onClick={() => complete.mutate({ challengeId: challenge.challengeId, passkey: true })} data-testid="second-step-passkey">
            {t('security.secondStep.usePasskey')}
          </Button>
          {typed ? <Divider>{t('security.secondStep.or')}</Divider> : null}
        </>
      ) : null}
      {typed ? (
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          <Field
            label={mode === 'code' ? t('security.secondStep.code') : t('security.secondStep.recoveryCode')}
            hint={mode === 'code' ? t('security.secondStep.codeHint') : t('security.secondStep.recoveryCodeHint')}
            validationMessage={valueError}
            validationState={valueError ? 'error' : 'none'}
          >
            <Input
              value={value}
              onChange={(_event, data) => setValue(mode === 'code' ? data.value.replace(/\D/g, '').slice(0, 6) : data.value)}
              inputMode={mode === 'code' ? 'numeric' : 'text'}
              autoComplete="one-time-code"
              autoFocus={!methods.includes('passkey')}
              data-testid={mode === 'code' ? 'second-step-code' : 'second-step-recovery-code'}
            />
          </Field>
          <Button appearance={methods.includes('passkey') ? 'secondary' : 'primary'} type="submit" disabled={complete.isPending || !value.trim()} data-testid="second-step-submit">
            {t('security.secondStep.verify')}
          </Button>
        </form>
      ) : null}
      <div className={styles.links}>
        {mode === 'code' && methods.includes('recoveryCode') ? (
          <Link
            as="button"
            onClick={() => {
              setMode('recoveryCode');
              setValue('');
              complete.reset();
            }}
            data-testid="second-step-use-recovery-code"
          >
            {t('security.secondStep.useRecoveryCode')}
          </Link>
        ) : null}
        {mode === 'recoveryCode' && methods.includes('totp') ? (
          <Link
            as="button"
            onClick={() => {
              setMode('code');
              setValue('');
              complete.reset();
            }}
            data-testid="second-step-use-code"
          >
            {t('security.secondStep.useCode')}
          </Link>
        ) : null}
        <Link as="button" onClick={onCancel} data-testid="second-step-cancel">
          {t('security.secondStep.back')}
        </Link>
      </div>
    </div>
  );
}
