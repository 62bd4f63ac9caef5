import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useResetUserPassword } from '../api/identity';
import type { User } from '@contracts/identity';
import { useUserProblemMessages } from '../userProblems';
import { CopyButton } from './CopyButton';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  password: { display: 'flex', gap: '8px', alignItems: 'center' },
  passwordValue: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
    wordBreak: 'break-all',
  },
});

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
  const styles = useStyles();
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

  return (
    <Dialog
      open={!!user}
      modalType={done ? 'alert' : 'modal'}
      onOpenChange={(_event, data) => {
        if (!data.open) close();
      }}
    >
      <DialogSurface aria-describedby={undefined} data-testid="reset-user-password-dialog">
        <DialogBody>
          {done ? (
            <>
              <DialogTitle>{t('users.resetDoneTitle', { name: done.user.displayName })}</DialogTitle>
              <DialogContent className={styles.content}>
                <MessageBar intent="success" layout="multiline" data-testid="reset-user-password-signins-ended">
                  <MessageBarBody>{t('users.resetSignInsEnded', { name: done.user.displayName })}</MessageBarBody>
                </MessageBar>
                <Body1 as="p">{t('users.temporaryPasswordIntro')}</Body1>
                <div className={styles.password}>
                  <code className={styles.passwordValue} data-testid="reset-user-password-value">
                    {done.temporaryPassword}
                  </code>
                  <CopyButton text={done.temporaryPassword} data-testid="reset-user-password-copy" />
                </div>
                <Body1 as="p">{t('users.temporaryPasswordOnce')}</Body1>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={close} data-testid="reset-user-password-done">
                  {t('common.done')}
                </Button>
              </DialogActions>
            </>
          ) : (
            <>
              <DialogTitle>{t('users.resetTitle', { name: user?.displayName ?? '' })}</DialogTitle>
              <DialogContent className={styles.content}>
                <ErrorBar error={reset.error} codeMessages={messages} testId="reset-user-password-error" />
                <Body1 as="p">{t('users.resetMessage', { email: user?.email ?? '' })}</Body1>
              </DialogContent>
              <DialogActions>
                <Button onClick={close} data-testid="reset-user-password-cancel">
                  {t('common.cancel')}
                </Button>
                <Button
                  appearance="primary"
                  disabled={reset.isPending || !user}
                  onClick={() => user && reset.mutate(user.id)}
                  data-testid="reset-user-password-confirm"
                >
                  {t('users.resetPassword')}
                </Button>
              </DialogActions>
            </>
          )}
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
