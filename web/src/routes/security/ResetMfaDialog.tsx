import { useState } from 'react';
import { Body1, Button, Field, Textarea } from '@fluentui/react-components';
import { ShieldDismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts/identity';
import { useResetUserMfa } from '../../api/security';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';

/** The row action that opens the reset (a global admin, for another user of its organization). */
export function ResetMfaButton({ onClick, testId }: { onClick(): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button size="small" appearance="subtle" icon={<ShieldDismissRegular />} onClick={onClick} data-testid={testId}>
      {t('security.reset.action')}
    </Button>
  );
}

/**
 * Resets a user's second factor (ACC-4): its authenticator app, passkeys and recovery codes go, its
 * sign-ins end and it is mailed; it enrols again at its next sign-in where it must.
 */
export function ResetMfaDialog({ user, tenantId, onClose }: { user: User | null; tenantId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const reset = useResetUserMfa({ onSuccess: () => setDone(true) });
  const close = () => {
    setReason('');
    setDone(false);
    reset.reset();
    onClose();
  };
  return (
    <FormDialog
      open={!!user}
      onClose={close}
      alert={done}
      described
      title={t('security.reset.title', { name: user?.displayName ?? '' })}
      testId="reset-mfa-dialog"
      actions={
        done ? (
          <Button appearance="primary" onClick={close} data-testid="reset-mfa-done">
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              appearance="primary"
              disabled={reset.isPending}
              onClick={() => user && reset.mutate({ tenantId, userId: user.id, reason: reason.trim() || undefined })}
              data-testid="reset-mfa-confirm"
            >
              {t('security.reset.confirm')}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <Body1 as="p" data-testid="reset-mfa-result">
          {t('security.reset.done', { email: user?.email ?? '' })}
        </Body1>
      ) : (
        <>
          <ErrorBar error={reset.error} fieldPaths={['/reason']} testId="reset-mfa-error" />
          <Body1 as="p">{t('security.reset.message')}</Body1>
          <Field label={t('security.reset.reasonOptional')}>
            <Textarea value={reason} maxLength={500} onChange={(_event, data) => setReason(data.value)} data-testid="reset-mfa-reason" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
