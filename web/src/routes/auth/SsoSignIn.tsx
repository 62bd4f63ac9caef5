import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStartSso } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { safeNextPath } from '../../components/RequireAuth';
import { fieldError } from '../../problem';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', marginTop: '8px' },
  bar: { marginBottom: '8px' },
});

/** Why the identity provider's sign-in did not sign the user in (the callback's `ssoError` code). */
function useSsoErrorText(code: string): string {
  const { t } = useTranslation();
  switch (code) {
    case 'sso_user_unknown':
      return t('sso.error.userUnknown');
    case 'sso_user_inactive':
      return t('sso.error.userInactive');
    case 'sso_email_domain_mismatch':
      return t('sso.error.domainMismatch');
    case 'sso_email_unverified':
      return t('sso.error.emailUnverified');
    case 'sso_email_missing':
      return t('sso.error.emailMissing');
    case 'sso_state_invalid':
    case 'sso_state_expired':
      return t('sso.error.startAgain');
    case 'sso_provider_refused':
      return t('sso.error.providerRefused');
    case 'identity_provider_unavailable':
      return t('sso.error.providerUnavailable');
    default:
      return t('sso.error.generic');
  }
}

/** The sign-in page's message after the identity provider sent the browser back without signing in. */
export function SsoErrorBar({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const text = useSsoErrorText(code ?? '');
  if (!code) return null;
  return (
    <MessageBar intent="error" className={styles.bar} data-testid="sso-error">
      <MessageBarBody>
        <MessageBarTitle>{t('sso.error.title')}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}

/** "Sign in with your organization's account": the email decides the identity provider, the browser goes there. */
export function SsoSignIn({ initialEmail, next, onBack }: { initialEmail: string; next: string | null; onBack(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [email, setEmail] = useState(initialEmail);
  const [touched, setTouched] = useState(false);
  const start = useStartSso({
    onSuccess: (result) => window.location.assign(result.authorizationUrl),
  });
  const missing = touched && !email.trim();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!email.trim()) return;
    start.mutate({ email: email.trim(), ...(next ? { next: safeNextPath(next) } : {}) });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="sso-sign-in-form">
      <ErrorBar error={start.error} fieldPaths={['/email']} testId="sso-start-error" />
      <Field
        label={t('sso.workEmail')}
        hint={t('sso.workEmailHint')}
        required
        validationMessage={missing ? t('validation.required') : fieldError(start.error, '/email')}
        validationState={missing || fieldError(start.error, '/email') ? 'error' : 'none'}
      >
        <Input type="email" autoComplete="username" value={email} onChange={(_event, data) => setEmail(data.value)} data-testid="sso-email" autoFocus />
      </Field>
      <Button appearance="primary" type="submit" disabled={start.isPending || start.isSuccess} data-testid="sso-continue">
        {start.isPending || start.isSuccess ? t('sso.redirecting') : t('sso.continue')}
      </Button>
      <Button appearance="subtle" onClick={onBack} data-testid="sso-back">
        {t('sso.usePassword')}
      </Button>
    </form>
  );
}
