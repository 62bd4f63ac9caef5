import type { FormEvent, ReactNode } from 'react';
import {
  Body1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

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

export interface FormDialogProps {
  open: boolean;
  /** Dismissing the dialog (Escape, a click outside while not `alert`) calls it, as its Cancel and Done buttons do. */
  onClose(): void;
  title: ReactNode;
  /** The content, laid out in a column. */
  children: ReactNode;
  /** The buttons, the primary one last. */
  actions: ReactNode;
  /** With it, the body is a form the page validates (not the browser); a `type="submit"` button submits it. */
  onSubmit?(event: FormEvent): void;
  /** While it shows a result to acknowledge (a password shown once, a link): a click outside does not close it. */
  alert?: boolean;
  /** The content describes the dialog (a question asked); a form's content does not. */
  described?: boolean;
  /** data-testid of the surface. */
  testId: string;
  /** Class of the surface (its width). */
  className?: string;
  /** Class added to the content's column. */
  contentClassName?: string;
}

/** The portal's dialog: a title, content and buttons, and a form around them when it asks for input. */
export function FormDialog({ open, onClose, title, children, actions, onSubmit, alert = false, described = false, testId, className, contentClassName }: FormDialogProps) {
  const styles = useStyles();
  const body = (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={mergeClasses(styles.content, contentClassName)}>{children}</DialogContent>
      <DialogActions>{actions}</DialogActions>
    </DialogBody>
  );
  return (
    <Dialog
      open={open}
      modalType={alert ? 'alert' : 'modal'}
      onOpenChange={(_event, data) => {
        if (!data.open) onClose();
      }}
    >
      <DialogSurface className={className} {...(described ? {} : { 'aria-describedby': undefined })} data-testid={testId}>
        {onSubmit ? (
          <form onSubmit={onSubmit} noValidate>
            {body}
          </form>
        ) : (
          body
        )}
      </DialogSurface>
    </Dialog>
  );
}

/** A temporary password shown once, with a copy button (a user added, a password reset). */
export function TemporaryPassword({ password, valueTestId, copyTestId }: { password: string; valueTestId: string; copyTestId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <>
      <Body1 as="p">{t('users.temporaryPasswordIntro')}</Body1>
      <div className={styles.password}>
        <code className={styles.passwordValue} data-testid={valueTestId}>
          {password}
        </code>
        <CopyButton text={password} data-testid={copyTestId} />
      </div>
      <Body1 as="p">{t('users.temporaryPasswordOnce')}</Body1>
    </>
  );
}
