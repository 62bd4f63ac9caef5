import { useState, type FormEvent } from 'react';
import { Button, Divider, Field, Input, MessageBar, MessageBarBody, Text, makeStyles } from '@fluentui/react-components';
import { BuildingRegular } from '@fluentui/react-icons';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { safeNextPath } from '../../components/RequireAuth';
import { fieldError } from '../../problem';
import { useSignIn } from '../../session';
import { SsoErrorBar, SsoSignIn } from './SsoSignIn';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', marginTop: '8px' },
  footer: { marginTop: '8px' },
});

interface SignInState {
  email?: string;
  accountCreated?: boolean;
  passwordChanged?: boolean;
}

export default function SignIn() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const state = (location.state ?? {}) as SignInState;
  const [email, setEmail] = useState(state.email ?? '');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const signIn = useSignIn();
  const [organizationAccount, setOrganizationAccount] = useState(false);

  const emailMissing = touched && !email.trim();
  const passwordMissing = touched && !password;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!email.trim() || !password) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => {
          navigate(safeNextPath(searchParams.get('next')), { replace: true });
        },
      },
    );
  };

  if (organizationAccount) {
    return (
      <AuthLayout title={t('sso.signInTitle')} subtitle={t('sso.signInSubtitle')} testId="sign-in-page">
        <SsoSignIn initialEmail={email} next={searchParams.get('next')} onBack={() => setOrganizationAccount(false)} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')} testId="sign-in-page">
      <SsoErrorBar code={searchParams.get('ssoError')} />
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {state.accountCreated ? (
          <MessageBar intent="success" data-testid="account-created">
            <MessageBarBody>{t('signIn.accountCreated')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <ErrorBar error={signIn.error} fieldPaths={['/email', '/password']} testId="sign-in-error" />
        <Field
          label={t('signIn.email')}
          required
          validationMessage={emailMissing ? t('validation.required') : fieldError(signIn.error, '/email')}
          validationState={emailMissing || fieldError(signIn.error, '/email') ? 'error' : 'none'}
        >
          <Input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(_event, data) => setEmail(data.value)}
            data-testid="sign-in-email"
            autoFocus={!state.email}
          />
        </Field>
        <Field
          label={t('signIn.password')}
          required
          validationMessage={passwordMissing ? t('validation.required') : fieldError(signIn.error, '/password')}
          validationState={passwordMissing || fieldError(signIn.error, '/password') ? 'error' : 'none'}
        >
          <Input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(_event, data) => setPassword(data.value)}
            data-testid="sign-in-password"
            autoFocus={!!state.email}
          />
        </Field>
        <Button appearance="primary" type="submit" disabled={signIn.isPending} data-testid="sign-in-submit">
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
        <Divider>{t('sso.or')}</Divider>
        <Button appearance="secondary" icon={<BuildingRegular />} onClick={() => setOrganizationAccount(true)} data-testid="sign-in-sso">
          {t('sso.signInWithOrganization')}
        </Button>
        <Text className={styles.footer}>
          {t('signIn.noAccount')}{' '}
          <AppLink to={searchParams.get('next') ? `/signup?next=${encodeURIComponent(safeNextPath(searchParams.get('next')))}` : '/signup'} inline data-testid="sign-up-link">
            {t('signIn.createAccount')}
          </AppLink>
        </Text>
        <Text className={styles.footer}>
          <AppLink to="/reset-password" inline data-testid="forgot-password-link">
            {t('resetPassword.forgot')}
          </AppLink>
        </Text>
      </form>
    </AuthLayout>
  );
}
