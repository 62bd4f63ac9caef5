import type { FormEvent, ReactNode } from 'react';
import { Button, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ResellerInvitation } from '@contracts/relationships';
import { FormDialog } from './FormDialog';
import { InvitationDraft } from './InvitationDraft';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: '100%' },
});

export interface InvitationLinkDialogProps {
  open: boolean;
  onClose(): void;
  /** The invitation once created: its single-use link and draft email then take the form's place. */
  invitation: Pick<ResellerInvitation, 'id' | 'email' | 'link' | 'draftEmail'> | undefined;
  /** The form's fields (whom to invite, the email's language, the kind's own options). */
  children: ReactNode;
  onSubmit(event: FormEvent): void;
  /** While the invitation is being created. */
  pending: boolean;
  /** Texts, already translated. */
  texts: { title: string; draftTitle: string; create: string; creating: string };
  /** API path of the draft's `POST …/send`, for the invitation. */
  sendPath(invitationId: string): string;
  /** Called once the draft was sent (the list of pending invitations shows the date). */
  onSent(): void;
  /** `{testIdPrefix}-dialog`, `-cancel`, `-create` and `-close`. */
  testIdPrefix: string;
  /** Test id prefix of the draft's fields and buttons. */
  draftTestIdPrefix: string;
}

/**
 * REL-2, CUS-1: asks what an invitation link is for, then shows the link and the editable draft email,
 * which the inviting partner copies, opens in its email program, or has Channel Center send.
 */
export function InvitationLinkDialog({
  open,
  onClose,
  invitation,
  children,
  onSubmit,
  pending,
  texts,
  sendPath,
  onSent,
  testIdPrefix,
  draftTestIdPrefix,
}: InvitationLinkDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  if (invitation?.draftEmail) {
    return (
      <FormDialog
        open={open}
        onClose={onClose}
        alert
        title={texts.draftTitle}
        actions={
          <Button onClick={onClose} data-testid={`${testIdPrefix}-close`}>
            {t('common.close')}
          </Button>
        }
        testId={`${testIdPrefix}-dialog`}
        className={styles.surface}
      >
        <InvitationDraft
          link={invitation.link}
          draft={invitation.draftEmail}
          initialTo={invitation.email}
          sendPath={sendPath(invitation.id)}
          testIdPrefix={draftTestIdPrefix}
          onSent={onSent}
        />
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      alert={!!invitation}
      title={texts.title}
      actions={
        <>
          <Button onClick={onClose} data-testid={`${testIdPrefix}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={pending} data-testid={`${testIdPrefix}-create`}>
            {pending ? texts.creating : texts.create}
          </Button>
        </>
      }
      testId={`${testIdPrefix}-dialog`}
      className={styles.surface}
    >
      {children}
    </FormDialog>
  );
}
