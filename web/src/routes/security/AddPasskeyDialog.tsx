import { useEffect, useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RegisteredPasskey } from '@contracts/identity/mfa';
import { useAddPasskey } from '../../api/security';
import { FormDialog } from '../../components/FormDialog';
import { fieldError } from '../../problem';
import { PasskeyErrorBar } from './PasskeyError';

/** Names a new passkey, then the browser creates it (its own prompt) and the server registers it. */
export function AddPasskeyDialog({ open, onClose, onAdded }: { open: boolean; onClose(): void; onAdded(result: RegisteredPasskey): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const add = useAddPasskey({ onSuccess: (result) => onAdded(result) });
  const { reset } = add;

  useEffect(() => {
    if (open) {
      setName(t('security.passkeys.defaultName'));
      reset();
    }
  }, [open, reset, t]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    add.mutate(name.trim());
  };
  const nameError = fieldError(add.error, '/name');

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('security.passkeys.addTitle')}
      testId="add-passkey-dialog"
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={add.isPending || !name.trim()} data-testid="add-passkey-create">
            {add.isPending ? t('security.passkeys.creating') : t('security.passkeys.create')}
          </Button>
        </>
      }
    >
      <Body1 as="p">{t('security.passkeys.addIntro')}</Body1>
      <PasskeyErrorBar error={add.error} fieldPaths={['/name']} testId="add-passkey-error" />
      <Field label={t('security.passkeys.name')} required validationMessage={!name.trim() ? t('validation.required') : nameError} validationState={!name.trim() || nameError ? 'error' : 'none'}>
        <Input value={name} maxLength={100} onChange={(_event, data) => setName(data.value)} data-testid="add-passkey-name" />
      </Field>
    </FormDialog>
  );
}
