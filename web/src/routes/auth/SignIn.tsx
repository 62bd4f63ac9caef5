import { useState, type FormEvent } from 'react';
import { Button, Divider, Field, Input, MessageBar, MessageBarBody, Text, makeStyles } from '@fluentui/react-components';
import { BuildingRegular } from '@fluentui/react-icons';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { MFA_ENROLMENT_PATH, safeNextPath } from '../../components/RequireAuth';
import { fieldError } from '../../problem';
import { isMfaChallenge, useSignIn } from '../../session';
import type { MfaChallengeStarted } from '@contracts/identity/mfa';
import { usePasskeySignInChoices } from '../security/PasskeySignIn';
import { SecondStep } from '../security/SecondStep';
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
  // ACC-4: the password was right and the user has a second factor: its second step.
  const [challenge, setChallenge] = useState<MfaChallengeStarted | null>(null);
  const signedIn = () => navigate(safeNextPath(searchParams.get('next')), { replace: true });
  const passkey = usePasskeySignInChoices(signedIn);

  const emailMissing = touched && !email.trim();
  const passwordMissing = touched && !password;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!email.trim() || !password) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (result) => {
          if (isMfaChallenge(result)) {
            passkey.stop();
            setChallenge(result);
          } else if (result.mfa.enrolmentRequired) {
            // ACC-4: a second factor first, then on to where the sign-in was going (as RequireAnonymous does).
            const next = safeNextPath(searchParams.get('next'));
            navigate(next !== '/' ? `${MFA_ENROLMENT_PATH}?next=${encodeURIComponent(next)}` : MFA_ENROLMENT_PATH, { replace: true });
          } else signedIn();
        },
      },
    );
  };

  if (challenge) {
    return (
      <AuthLayout title={t('security.secondStep.title')} subtitle={t('security.secondStep.subtitle')} testId="sign-in-page">
        <SecondStep
          challenge={challenge}
          onSignedIn={signedIn}
          onCancel={() => {
            setChallenge(null);
            setPassword('');
            signIn.reset();
          }}
        />
      </AuthLayout>
    );
  }

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
        {passkey.error}
        {passkey.button ? (
          <>
            {passkey.button}
            <Divider>{t('sso.or')}</Divider>
          </>
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
            autoComplete="username webauthn"
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
