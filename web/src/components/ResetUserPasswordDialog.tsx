import { Body1, Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useResetUserPassword } from '../api/identity';
import type { User } from '@contracts/identity';
import { useUserProblemMessages } from '../userProblems';
import { ErrorBar } from './ErrorBar';
import { FormDialog, TemporaryPassword } from './FormDialog';

export interface ResetUserPasswordDialogProps {
  /** The user whose password is reset; the dialog is open while it is set. */
  user: User | null;
  /** The users collection the user belongs to: `/users`, `/tenants/{id}/users` or `/customers/{id}/users`. */
  basePath: string;
  /** Query key refreshed after the reset (the user now must change its password). */
  queryKey: readonly unknown[];
  onClose(): void;
}

/**
 * An admin gives a user a temporary password: asked first, then shown once with a copy button. The
 * user's sessions and personal access tokens have ended, and it must choose a new password at its next
 * sign-in. Closing the dialog forgets the password.
 */
export function ResetUserPasswordDialog({ user, basePath, queryKey, onClose }: ResetUserPasswordDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const messages = useUserProblemMessages();
  const reset = useResetUserPassword(basePath, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const done = reset.data;

  const close = () => {
    reset.reset();
    onClose();
  };

  if (done) {
    return (
      <FormDialog
        open={!!user}
        onClose={close}
        alert
        title={t('users.resetDoneTitle', { name: done.user.displayName })}
        actions={
          <Button appearance="primary" onClick={close} data-testid="reset-user-password-done">
            {t('common.done')}
          </Button>
        }
        testId="reset-user-password-dialog"
      >
        <MessageBar intent="success" layout="multiline" data-testid="reset-user-password-signins-ended">
          <MessageBarBody>{t('users.resetSignInsEnded', { name: done.user.displayName })}</MessageBarBody>
        </MessageBar>
        <TemporaryPassword password={done.temporaryPassword} valueTestId="reset-user-password-value" copyTestId="reset-user-password-copy" />
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open={!!user}
      onClose={close}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      actions={
        <>
          <Button onClick={close} data-testid="reset-user-password-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" disabled={reset.isPending || !user} onClick={() => user && reset.mutate(user.id)} data-testid="reset-user-password-confirm">
            {t('users.resetPassword')}
          </Button>
        </>
      }
      testId="reset-user-password-dialog"
    >
      <ErrorBar error={reset.error} codeMessages={messages} testId="reset-user-password-error" />
      <Body1 as="p">{t('users.resetMessage', { email: user?.email ?? '' })}</Body1>
    </FormDialog>
  );
}
