import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/identity';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { fieldError } from '../../problem';
import { ME_QUERY_KEY } from '../../queryClient';
import { fetchMe, useMe, useSignOut } from '../../session';
import { MIN_PASSWORD_LENGTH } from '../../validation';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '8px' },
  actions: { display: 'flex', gap: '8px', justifyContent: 'flex-end', marginTop: '4px' },
});

const FIELD_PATHS = ['/currentPassword', '/newPassword'] as const;

export default function ChangePassword() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const forced = !!me?.user.mustChangePassword;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const change = useChangePassword({
    onSuccess: async () => {
      await queryClient.fetchQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 0 });
      navigate(forced ? '/' : '/profile', { replace: true, state: { passwordChanged: true } });
    },
  });

  const clientErrors: Record<string, string | undefined> = {
    '/currentPassword': currentPassword ? undefined : t('validation.required'),
    '/newPassword':
      newPassword.length < MIN_PASSWORD_LENGTH
        ? t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH })
        : newPassword === currentPassword
          ? t('validation.passwordUnchanged')
          : me && newPassword.toLowerCase() === me.user.email.toLowerCase()
            ? t('validation.passwordEqualsEmail')
            : undefined,
    confirm: confirmPassword === newPassword ? undefined : t('validation.passwordMismatch'),
  };
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? fieldError(change.error, path);
  const state = (path: string) => (errorFor(path) ? ('error' as const) : ('none' as const));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    change.mutate({ currentPassword, newPassword });
  };

  const onSignOut = () => signOut.mutate(undefined, { onSuccess: () => navigate('/signin', { replace: true }) });

  return (
    <AuthLayout
      title={t('changePassword.title')}
      subtitle={t('changePassword.subtitle')}
      testId="change-password-page"
      showLanguageMenu={false}
      headerEnd={
        forced ? (
          <Button appearance="subtle" icon={<SignOutRegular />} onClick={onSignOut} data-testid="sign-out-button">
            {t('shell.signOut')}
          </Button>
        ) : null
      }
    >
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {forced ? (
          <MessageBar intent="warning" data-testid="must-change-password">
            <MessageBarBody>{t('changePassword.forced')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <ErrorBar error={change.error ?? signOut.error} fieldPaths={FIELD_PATHS} testId="change-password-error" />
        <Field
          label={t('changePassword.current')}
          required
          validationMessage={errorFor('/currentPassword')}
          validationState={state('/currentPassword')}
        >
          <Input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(_event, data) => setCurrentPassword(data.value)}
            data-testid="change-password-current"
          />
        </Field>
        <Field
          label={t('changePassword.new')}
          required
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          validationMessage={errorFor('/newPassword')}
          validationState={state('/newPassword')}
        >
          <Input
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(_event, data) => setNewPassword(data.value)}
            data-testid="change-password-new"
          />
        </Field>
        <Field
          label={t('changePassword.confirm')}
          required
          validationMessage={errorFor('confirm')}
          validationState={state('confirm')}
        >
          <Input
            type="password"
            autoComplete="new-password"
            value={confirmPassword}
            onChange={(_event, data) => setConfirmPassword(data.value)}
            data-testid="change-password-confirm"
          />
        </Field>
        <div className={styles.actions}>
          {!forced ? (
            <Button onClick={() => navigate('/profile')} data-testid="change-password-cancel">
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button appearance="primary" type="submit" disabled={change.isPending} data-testid="change-password-submit">
            {t('changePassword.submit')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
