import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useConfirmPasswordReset, useRequestPasswordReset } from '../../api/identity';
import { AppLink } from '../../components/AppLink';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { fieldError } from '../../problem';
import { MIN_PASSWORD_LENGTH } from '../../validation';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '8px' },
  actions: { display: 'flex', gap: '8px', justifyContent: 'flex-end', marginTop: '4px' },
});

/** Forgotten password: ask for a link by email, then choose a new password with the emailed link. */
export default function ResetPassword() {
  const styles = useStyles();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [email, setEmail] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const request = useRequestPasswordReset();
  const confirm = useConfirmPasswordReset();

  const passwordProblem =
    newPassword.length < MIN_PASSWORD_LENGTH ? t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH }) : confirmPassword !== newPassword ? t('validation.passwordMismatch') : undefined;

  const onRequest = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (email.trim()) request.mutate(email);
  };
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!passwordProblem) confirm.mutate({ token, newPassword });
  };

  if (!token) {
    return (
      <AuthLayout title={t('resetPassword.title')} subtitle={t('resetPassword.requestSubtitle')} testId="reset-password-page">
        {request.isSuccess ? (
          <MessageBar intent="success" data-testid="reset-password-sent">
            <MessageBarBody>{t('resetPassword.sent')}</MessageBarBody>
          </MessageBar>
        ) : (
          <form className={styles.form} onSubmit={onRequest} noValidate>
            <ErrorBar error={request.error} fieldPaths={['/email']} testId="reset-password-error" />
            <Field label={t('resetPassword.email')} required validationMessage={(submitted && !email.trim() ? t('validation.required') : undefined) ?? fieldError(request.error, '/email')}>
              <Input type="email" autoComplete="email" value={email} onChange={(_event, data) => setEmail(data.value)} data-testid="reset-password-email" />
            </Field>
            <div className={styles.actions}>
              <Button appearance="primary" type="submit" disabled={request.isPending} data-testid="reset-password-request">
                {t('resetPassword.send')}
              </Button>
            </div>
          </form>
        )}
        <AppLink to="/signin" data-testid="reset-password-back">
          {t('resetPassword.backToSignIn')}
        </AppLink>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('resetPassword.title')} subtitle={t('resetPassword.chooseSubtitle')} testId="reset-password-page">
      {confirm.isSuccess ? (
        <MessageBar intent="success" data-testid="reset-password-done">
          <MessageBarBody>
            {t('resetPassword.done')} <span data-testid="reset-password-sign-ins-ended">{t('resetPassword.signInsEnded')}</span>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <form className={styles.form} onSubmit={onConfirm} noValidate>
          <ErrorBar error={confirm.error} fieldPaths={['/newPassword']} testId="reset-password-error" />
          <Field
            label={t('changePassword.new')}
            required
            hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            validationMessage={(submitted ? passwordProblem : undefined) ?? fieldError(confirm.error, '/newPassword')}
          >
            <Input type="password" autoComplete="new-password" value={newPassword} onChange={(_event, data) => setNewPassword(data.value)} data-testid="reset-password-new" />
          </Field>
          <Field label={t('changePassword.confirm')} required>
            <Input type="password" autoComplete="new-password" value={confirmPassword} onChange={(_event, data) => setConfirmPassword(data.value)} data-testid="reset-password-confirm" />
          </Field>
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={confirm.isPending} data-testid="reset-password-submit">
              {t('changePassword.submit')}
            </Button>
          </div>
        </form>
      )}
      <AppLink to="/signin" data-testid="reset-password-back">
        {t('resetPassword.backToSignIn')}
      </AppLink>
    </AuthLayout>
  );
}
