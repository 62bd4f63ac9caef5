import { useState, type FormEvent } from 'react';
import { Badge, Body1, Button, Caption1, Card, CardHeader, Field, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular, KeyRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Passkey } from '@contracts/identity/mfa';
import { useMyMfa, useRegenerateRecoveryCodes, useRemovePasskey, useRemoveTotp, useRenamePasskey } from '../../api/security';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../format';
import { fieldError } from '../../problem';
import { AddPasskeyDialog } from './AddPasskeyDialog';
import { RecoveryCodesShown } from './RecoveryCodes';
import { TotpSetup } from './TotpSetup';

const useStyles = makeStyles({
  cards: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '760px' },
  body: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '4px', justifyContent: 'flex-end' },
  noWrap: { whiteSpace: 'nowrap' },
});

/** The signed-in user's sign-in security: passkeys, the authenticator app and recovery codes (ACC-4). */
export default function Security() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyMfa();
  const [adding, setAdding] = useState(false);
  const [settingUpTotp, setSettingUpTotp] = useState(false);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [removingTotp, setRemovingTotp] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);

  const removePasskey = useRemovePasskey({ onSuccess: () => setRemoving(null) });
  const removeTotp = useRemoveTotp({ onSuccess: () => setRemovingTotp(false) });
  const regenerate = useRegenerateRecoveryCodes({
    onSuccess: (result) => {
      setRegenerating(false);
      setShownCodes(result.recoveryCodes);
    },
  });

  if (mine.error) return <ErrorBar error={mine.error} testId="security-error" />;
  if (!mine.data) return <Loading />;
  const mfa = mine.data;
  const hasFactor = mfa.totp.enrolled || mfa.passkeys.length > 0;

  return (
    <div data-testid="security-page">
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <div className={styles.cards}>
        {mfa.required && !hasFactor ? (
          <MessageBar intent="warning" data-testid="security-required">
            <MessageBarBody>{t('security.requiredNotice')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {hasFactor && !mfa.sessionMfa ? (
          <MessageBar intent="info" data-testid="security-session-not-mfa">
            <MessageBarBody>{t('security.sessionNotMfa')}</MessageBarBody>
          </MessageBar>
        ) : null}

        <Card>
          <CardHeader
            header={<Text weight="semibold">{t('security.passkeys.title')}</Text>}
            description={<Caption1>{t('security.passkeys.description')}</Caption1>}
            action={
              <Button className={styles.noWrap} icon={<AddRegular />} appearance="primary" onClick={() => setAdding(true)} data-testid="add-passkey">
                {t('security.passkeys.add')}
              </Button>
            }
          />
          {mfa.passkeys.length === 0 ? (
            <Body1 className={styles.muted} data-testid="passkeys-empty">
              {t('security.passkeys.empty')}
            </Body1>
          ) : (
            <DataTable<Passkey>
              aria-label={t('security.passkeys.title')}
              testId="passkeys-table"
              rows={mfa.passkeys}
              rowId={(passkey) => passkey.id}
              rowProps={(passkey) => ({ 'data-testid': 'passkey-row', 'data-name': passkey.name })}
              columns={[
                {
                  id: 'name',
                  header: t('security.passkeys.name'),
                  cell: (passkey) => (
                    <span className={styles.row}>
                      <KeyRegular />
                      {passkey.name}
                    </span>
                  ),
                  cellTestId: 'passkey-name',
                },
                { id: 'created', header: t('security.passkeys.created'), cell: (passkey) => format.date(passkey.createdAt) },
                { id: 'lastUsed', header: t('security.passkeys.lastUsed'), cell: (passkey) => (passkey.lastUsedAt ? format.dateTime(passkey.lastUsedAt) : t('security.passkeys.neverUsed')) },
                {
                  id: 'actions',
                  header: '',
                  headerLabel: t('security.actions'),
                  cell: (passkey) => (
                    <div className={styles.actions}>
                      <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setRenaming(passkey)} data-testid={`rename-passkey-${passkey.name}`}>
                        {t('security.passkeys.rename')}
                      </Button>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<DeleteRegular />}
                        onClick={() => {
                          removePasskey.reset();
                          setRemoving(passkey);
                        }}
                        data-testid={`remove-passkey-${passkey.name}`}
                      >
                        {t('security.passkeys.remove')}
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Card>

        <Card>
          <CardHeader
            header={<Text weight="semibold">{t('security.totp.title')}</Text>}
            description={<Caption1>{t('security.totp.description')}</Caption1>}
            action={
              mfa.totp.enrolled ? (
                <Badge className={styles.noWrap} appearance="tint" color="success" data-testid="totp-enrolled">
                  {t('security.totp.enrolled')}
                </Badge>
              ) : undefined
            }
          />
          <div className={styles.body}>
            {mfa.totp.enrolled ? (
              <div className={styles.row}>
                <Button
                  icon={<DeleteRegular />}
                  onClick={() => {
                    removeTotp.reset();
                    setRemovingTotp(true);
                  }}
                  data-testid="totp-remove"
                >
                  {t('security.totp.remove')}
                </Button>
              </div>
            ) : settingUpTotp ? (
              <TotpSetup
                onCancel={() => setSettingUpTotp(false)}
                onDone={(codes) => {
                  setSettingUpTotp(false);
                  if (codes) setShownCodes(codes);
                }}
              />
            ) : (
              <div className={styles.row}>
                <Button onClick={() => setSettingUpTotp(true)} data-testid="totp-set-up">
                  {t('security.totp.setUp')}
                </Button>
              </div>
            )}
          </div>
        </Card>

        <Card>
          <CardHeader header={<Text weight="semibold">{t('security.recoveryCodes.title')}</Text>} description={<Caption1>{t('security.recoveryCodes.description')}</Caption1>} />
          <div className={styles.body}>
            <Body1 data-testid="recovery-codes-remaining">{t('security.recoveryCodes.remaining', { number: mfa.recoveryCodesRemaining })}</Body1>
            <div className={styles.row}>
              <Button
                disabled={!hasFactor}
                onClick={() => {
                  regenerate.reset();
                  setRegenerating(true);
                }}
                data-testid="recovery-codes-regenerate"
              >
                {t('security.recoveryCodes.regenerate')}
              </Button>
            </div>
          </div>
        </Card>
      </div>

      <AddPasskeyDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(result) => {
          setAdding(false);
          if (result.recoveryCodes) setShownCodes(result.recoveryCodes);
        }}
      />
      <RenamePasskeyDialog passkey={renaming} onClose={() => setRenaming(null)} />
      <ConfirmDialog
        open={!!removing}
        title={t('security.passkeys.removeTitle', { name: removing?.name ?? '' })}
        message={t('security.passkeys.removeMessage')}
        confirmLabel={t('security.passkeys.remove')}
        onConfirm={() => removing && removePasskey.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
        pending={removePasskey.isPending}
        error={removePasskey.error}
        testId="remove-passkey-dialog"
      />
      <ConfirmDialog
        open={removingTotp}
        title={t('security.totp.removeTitle')}
        message={t('security.totp.removeMessage')}
        confirmLabel={t('security.totp.remove')}
        onConfirm={() => removeTotp.mutate()}
        onCancel={() => setRemovingTotp(false)}
        pending={removeTotp.isPending}
        error={removeTotp.error}
        testId="remove-totp-dialog"
      />
      <ConfirmDialog
        open={regenerating}
        title={t('security.recoveryCodes.regenerateTitle')}
        message={t('security.recoveryCodes.regenerateMessage')}
        confirmLabel={t('security.recoveryCodes.regenerate')}
        onConfirm={() => regenerate.mutate()}
        onCancel={() => setRegenerating(false)}
        pending={regenerate.isPending}
        error={regenerate.error}
        testId="regenerate-recovery-codes-dialog"
      />
      <FormDialog
        open={!!shownCodes}
        alert
        onClose={() => setShownCodes(null)}
        title={t('security.recoveryCodes.shownTitle')}
        testId="recovery-codes-dialog"
        actions={
          <Button appearance="primary" onClick={() => setShownCodes(null)} data-testid="recovery-codes-done">
            {t('security.recoveryCodes.saved')}
          </Button>
        }
      >
        {shownCodes ? <RecoveryCodesShown codes={shownCodes} /> : null}
      </FormDialog>
    </div>
  );
}

function RenamePasskeyDialog({ passkey, onClose }: { passkey: Passkey | null; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const rename = useRenamePasskey({ onSuccess: () => onClose() });
  if (passkey && editing !== passkey.id) {
    setEditing(passkey.id);
    setName(passkey.name);
    rename.reset();
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (passkey && name.trim()) rename.mutate({ id: passkey.id, name: name.trim() });
  };
  const nameError = fieldError(rename.error, '/name');
  return (
    <FormDialog
      open={!!passkey}
      onClose={() => {
        setEditing(null);
        onClose();
      }}
      onSubmit={onSubmit}
      title={t('security.passkeys.renameTitle')}
      testId="rename-passkey-dialog"
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={rename.isPending || !name.trim()} data-testid="rename-passkey-save">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <ErrorBar error={rename.error} fieldPaths={['/name']} testId="rename-passkey-error" />
      <Field label={t('security.passkeys.name')} required validationMessage={!name.trim() ? t('validation.required') : nameError} validationState={!name.trim() || nameError ? 'error' : 'none'}>
        <Input value={name} maxLength={100} onChange={(_event, data) => setName(data.value)} data-testid="rename-passkey-name" />
      </Field>
    </FormDialog>
  );
}
