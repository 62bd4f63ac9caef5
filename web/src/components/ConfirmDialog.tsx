import type { ReactNode } from 'react';
import { Body1, Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from './ErrorBar';
import { FormDialog } from './FormDialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  /** More about what confirming does, beneath the message (e.g. what is refunded and what waits). */
  details?: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  pending?: boolean;
  error?: unknown;
  testId: string;
}

/** Asks before an action that cannot be undone from the same page (ending, revoking, removing access …). */
export function ConfirmDialog({ open, title, message, details, confirmLabel, onConfirm, onCancel, pending, error, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={open}
      onClose={onCancel}
      title={title}
      described
      actions={
        <>
          <Button onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" disabled={pending} onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </>
      }
      testId={testId}
    >
      <ErrorBar error={error} testId={`${testId}-error`} />
      <Body1 as="p">{message}</Body1>
      {details}
    </FormDialog>
  );
}
