import { useState, type FormEvent } from 'react';
import { Button, Divider, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateTenant, type SignUpInput as SignUpBody } from '../../api/identity';
import { isMfaChallenge, useSignIn } from '../../session';
import { AppLink } from '../../components/AppLink';
import { AuthLayout } from '../../components/AuthLayout';
import { CountryPicker, guessCountry } from '../../components/CountryPicker';
import { MFA_ENROLMENT_PATH, safeNextPath } from '../../components/RequireAuth';
import { ErrorBar } from '../../components/ErrorBar';
import { currentLanguage } from '../../i18n';
import { fieldError } from '../../problem';
import { MIN_PASSWORD_LENGTH, isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '8px' },
  section: { color: tokens.colorNeutralForeground2, marginTop: '4px' },
  footer: { marginTop: '4px' },
});

const FIELD_PATHS = [
  '/organizationName',
  '/country',
  '/domainPrefix',
  '/admin/displayName',
  '/admin/email',
  '/admin/password',
] as const;

/** Problems without field errors that still belong to one field. */
const FIELD_CODES: Record<string, readonly string[]> = {
  '/admin/email': ['email_taken'],
  '/domainPrefix': ['domain_taken'],
};
const ALL_FIELD_CODES = Object.values(FIELD_CODES).flat();

type FormValues = {
  organizationName: string;
  country: string;
  domainPrefix: string;
  displayName: string;
  email: string;
  password: string;
};

type Path = (typeof FIELD_PATHS)[number];

export default function SignUp() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Where to go after signing in with the new account (e.g. back to an invitation link).
  const [searchParams] = useSearchParams();
  const nextParam = searchParams.get('next');
  const next = nextParam ? safeNextPath(nextParam) : null;
  const signInPath = next ? `/signin?next=${encodeURIComponent(next)}` : '/signin';
  const [values, setValues] = useState<FormValues>(() => ({
    organizationName: '',
    country: guessCountry(),
    domainPrefix: '',
    displayName: '',
    email: '',
    password: '',
  }));
  const [submitted, setSubmitted] = useState(false);

  const signIn = useSignIn();
  // The new account's admin is signed in with the password just chosen and lands where it was going
  // (home, or back to an invitation); if that sign-in cannot start a session here, the sign-in page takes over.
  const createTenant = useCreateTenant({
    onSuccess: (result, body) => {
      const toSignIn = () => navigate(signInPath, { state: { email: result.user.email, accountCreated: true } });
      signIn.mutate(
        { email: body.admin.email, password: body.admin.password },
        {
          onSuccess: (session) => {
            if (isMfaChallenge(session)) toSignIn();
            else if (session.mfa.enrolmentRequired) {
              // ACC-4: a second factor first, then on to where the sign-up was going.
              navigate(next && next !== '/' ? `${MFA_ENROLMENT_PATH}?next=${encodeURIComponent(next)}` : MFA_ENROLMENT_PATH, { replace: true });
            } else navigate(next ?? '/', { replace: true });
          },
          onError: toSignIn,
        },
      );
    },
  });
  const submitting = createTenant.isPending || signIn.isPending || createTenant.isSuccess;

  const set = (key: keyof FormValues) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  const clientErrors: Partial<Record<Path, string>> = {};
  if (!values.organizationName.trim()) clientErrors['/organizationName'] = t('validation.required');
  if (!values.country) clientErrors['/country'] = t('validation.countryRequired');
  if (values.domainPrefix.trim() && !/^[a-z0-9]{2,27}$/i.test(values.domainPrefix.trim())) {
    clientErrors['/domainPrefix'] = t('validation.domainPrefix', { min: 2, max: 27 });
  }
  if (!values.displayName.trim()) clientErrors['/admin/displayName'] = t('validation.required');
  if (!values.email.trim()) clientErrors['/admin/email'] = t('validation.required');
  else if (!isPlausibleEmail(values.email)) clientErrors['/admin/email'] = t('validation.email');
  if (values.password.length < MIN_PASSWORD_LENGTH) {
    clientErrors['/admin/password'] = t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH });
  } else if (values.password.trim().toLowerCase() === values.email.trim().toLowerCase()) {
    clientErrors['/admin/password'] = t('validation.passwordEqualsEmail');
  }

  const errorFor = (path: Path): string | undefined =>
    (submitted ? clientErrors[path] : undefined) ?? fieldError(createTenant.error, path, FIELD_CODES[path]);

  const fieldProps = (path: Path) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return;
    createTenant.reset();
    const body: SignUpBody = {
      organizationName: values.organizationName.trim(),
      country: values.country,
      admin: {
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
        language: currentLanguage(),
      },
    };
    if (values.domainPrefix.trim()) body.domainPrefix = values.domainPrefix.trim().toLowerCase();
    createTenant.mutate(body);
  };

  return (
    <AuthLayout title={t('signUp.title')} subtitle={t('signUp.subtitle')} wide testId="sign-up-page">
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        <ErrorBar
          error={createTenant.error}
          fieldPaths={FIELD_PATHS}
          fieldCodes={ALL_FIELD_CODES}
          testId="sign-up-error"
        />
        <Text weight="semibold" className={styles.section}>
          {t('signUp.organizationSection')}
        </Text>
        <Field label={t('signUp.organizationName')} required {...fieldProps('/organizationName')}>
          <Input
            value={values.organizationName}
            onChange={(_event, data) => set('organizationName')(data.value)}
            autoComplete="organization"
            data-testid="sign-up-organization"
          />
        </Field>
        <Field label={t('signUp.country')} required {...fieldProps('/country')}>
          <CountryPicker
            value={values.country}
            onChange={set('country')}
            invalid={!!errorFor('/country')}
            data-testid="sign-up-country"
          />
        </Field>
        <Field label={t('signUp.domainPrefix')} hint={t('signUp.domainPrefixHint')} {...fieldProps('/domainPrefix')}>
          <Input
            value={values.domainPrefix}
            onChange={(_event, data) => set('domainPrefix')(data.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="sign-up-domain-prefix"
          />
        </Field>
        <Divider />
        <Text weight="semibold" className={styles.section}>
          {t('signUp.adminSection')}
        </Text>
        <Field label={t('signUp.displayName')} required {...fieldProps('/admin/displayName')}>
          <Input
            value={values.displayName}
            onChange={(_event, data) => set('displayName')(data.value)}
            autoComplete="name"
            data-testid="sign-up-display-name"
          />
        </Field>
        <Field label={t('signUp.email')} required {...fieldProps('/admin/email')}>
          <Input
            type="email"
            value={values.email}
            onChange={(_event, data) => set('email')(data.value)}
            autoComplete="email"
            data-testid="sign-up-email"
          />
        </Field>
        <Field
          label={t('signUp.password')}
          required
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          {...fieldProps('/admin/password')}
        >
          <Input
            type="password"
            value={values.password}
            onChange={(_event, data) => set('password')(data.value)}
            autoComplete="new-password"
            data-testid="sign-up-password"
          />
        </Field>
        <Button appearance="primary" type="submit" disabled={submitting} data-testid="sign-up-submit">
          {submitting ? t('signUp.submitting') : t('signUp.submit')}
        </Button>
        <Text className={styles.footer}>
          {t('signUp.haveAccount')}{' '}
          <AppLink to={signInPath} inline data-testid="sign-in-link">
            {t('signUp.signIn')}
          </AppLink>
        </Text>
      </form>
    </AuthLayout>
  );
}
