import type { ReactNode } from 'react';
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from './ErrorBar';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  pending?: boolean;
  error?: unknown;
  testId: string;
}

/** Asks before an action that cannot be undone from the same page (ending, revoking, removing access …). */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel, pending, error, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface data-testid={testId}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <ErrorBar error={error} testId={`${testId}-error`} />
            <Body1 as="p">{message}</Body1>
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel} data-testid={`${testId}-cancel`}>
              {t('common.cancel')}
            </Button>
            <Button appearance="primary" disabled={pending} onClick={onConfirm} data-testid={`${testId}-confirm`}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
