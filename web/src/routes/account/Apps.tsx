import { useState, type FormEvent } from 'react';
import { Badge, Body1, Button, Caption1, Checkbox, Field, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular, KeyRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { App, AppSecret, NewAppSecret, RegisteredApp } from '@contracts/identity/apps';
import { grantableToApps, useAddAppSecret, useApps, useDeleteApp, useRegisterApp, useRevokeAppSecret, useUpdateApp } from '../../api/apps';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';

const useStyles = makeStyles({
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2 },
  empty: { padding: '24px', color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  line: { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap' },
  stack: { display: 'flex', flexDirection: 'column', gap: '4px' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  permissions: { display: 'flex', flexDirection: 'column', gap: '2px', maxHeight: '320px', overflowY: 'auto' },
  credential: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
    wordBreak: 'break-all',
  },
});

/** A credential with its copy button (a client ID, a secret shown once). */
function Credential({ label, value, testId }: { label: string; value: string; testId: string }) {
  const styles = useStyles();
  return (
    <Field label={label}>
      <div className={styles.line}>
        <code className={styles.credential} data-testid={testId}>
          {value}
        </code>
        <CopyButton text={value} data-testid={`${testId}-copy`} />
      </div>
    </Field>
  );
}

/** The secret of an answer that created it: shown this once. */
function SecretShownOnce({ clientId, secret }: { clientId?: string; secret: string }) {
  const { t } = useTranslation();
  return (
    <>
      <MessageBar intent="warning">
        <MessageBarBody>{t('apps.secretOnce')}</MessageBarBody>
      </MessageBar>
      {clientId ? <Credential label={t('apps.clientId')} value={clientId} testId="app-client-id" /> : null}
      <Credential label={t('apps.clientSecret')} value={secret} testId="app-client-secret" />
      <Body1>{t('apps.tokenHelp')}</Body1>
    </>
  );
}

/** The permissions an app may be given: those the signed-in user holds, but apps.manage and agreements.accept. */
function PermissionPicker({ value, onChange, error }: { value: readonly string[]; onChange(next: string[]): void; error?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { data: me } = useMe();
  const offered: readonly string[] = grantableToApps(me?.permissions ?? []);
  // A permission the app holds but the user does not stays listed, so that it can be taken away.
  const listed = [...offered, ...value.filter((p) => !offered.includes(p))];
  return (
    <Field label={t('apps.permissions')} hint={t('apps.permissionsHint')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
      <div className={styles.permissions} role="group" aria-label={t('apps.permissions')} data-testid="app-permissions">
        {listed.map((permission) => (
          <Checkbox
            key={permission}
            checked={value.includes(permission)}
            disabled={!offered.includes(permission) && !value.includes(permission)}
            onChange={(_event, data) => onChange(data.checked === true ? [...value, permission] : value.filter((p) => p !== permission))}
            label={<span className={styles.mono}>{permission}</span>}
            data-testid={`app-permission-${permission}`}
          />
        ))}
      </div>
    </Field>
  );
}

/** Registers an app (name and permissions), then shows its client ID and first secret once; or edits one. */
function AppDialog({ tenantId, editing, open, onClose }: { tenantId: string; editing?: App; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing?.name ?? '');
  const [permissions, setPermissions] = useState<string[]>(editing?.permissions ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [registered, setRegistered] = useState<RegisteredApp | null>(null);
  const register = useRegisterApp(tenantId, { onSuccess: setRegistered });
  const update = useUpdateApp(tenantId, { onSuccess: () => onClose() });
  const mutation = editing ? update : register;

  const errors = {
    name: submitted && !name.trim() ? t('validation.required') : fieldError(mutation.error, '/name'),
    permissions: submitted && permissions.length === 0 ? t('apps.permissionsRequired') : fieldError(mutation.error, '/permissions', ['app_permission_exceeds_own']),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim() || permissions.length === 0) return;
    const body = { name: name.trim(), permissions: grantableToApps(permissions) };
    if (editing) update.mutate({ appId: editing.id, patch: body });
    else register.mutate(body);
  };

  if (registered) {
    return (
      <FormDialog
        open={open}
        onClose={onClose}
        alert
        title={t('apps.registeredTitle', { name: registered.name })}
        actions={
          <Button appearance="primary" onClick={onClose} data-testid="app-dialog-done">
            {t('common.done')}
          </Button>
        }
        testId="app-dialog"
      >
        <SecretShownOnce clientId={registered.clientId} secret={registered.clientSecret} />
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      title={editing ? t('apps.editTitle') : t('apps.registerTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="app-dialog-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={mutation.isPending} data-testid="app-dialog-submit">
            {editing ? t('common.save') : t('apps.registerSubmit')}
          </Button>
        </>
      }
      testId="app-dialog"
    >
      {editing ? null : <Body1>{t('apps.registerDescription')}</Body1>}
      <ErrorBar error={mutation.error} fieldPaths={['/name', '/permissions']} fieldCodes={['app_permission_exceeds_own']} testId="app-dialog-error" />
      <Field label={t('apps.name')} required validationMessage={errors.name} validationState={errors.name ? 'error' : 'none'}>
        <Input value={name} onChange={(_event, data) => setName(data.value)} maxLength={100} data-testid="app-name" />
      </Field>
      <PermissionPicker value={permissions} onChange={setPermissions} error={errors.permissions} />
    </FormDialog>
  );
}

type Pending = { kind: 'delete'; app: App } | { kind: 'revoke'; app: App; secret: AppSecret } | null;

function AppsContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const apps = useApps(tenantId);
  const [dialog, setDialog] = useState<{ editing?: App } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [newSecret, setNewSecret] = useState<NewAppSecret | null>(null);
  const addSecret = useAddAppSecret(tenantId, { onSuccess: setNewSecret });
  const update = useUpdateApp(tenantId);
  const remove = useDeleteApp(tenantId, { onSuccess: () => setPending(null) });
  const revoke = useRevokeAppSecret(tenantId, { onSuccess: () => setPending(null) });

  if (apps.error) return <ErrorBar error={apps.error} testId="apps-error" />;
  if (apps.isPending) return <Loading />;
  const items = apps.data.items;

  const secretLine = (app: App, secret: AppSecret) => (
    <div key={secret.id} className={styles.line} data-testid={`app-secret-${secret.prefix}`}>
      <Text className={styles.mono}>{secret.prefix}…</Text>
      <Caption1 className={styles.secondary}>
        {t('apps.secretExpires', { date: format.date(secret.expiresAt) })} ·{' '}
        {secret.lastUsedAt ? t('apps.lastUsed', { date: format.dateTime(secret.lastUsedAt) }) : t('apps.neverUsed')}
      </Caption1>
      <Button size="small" appearance="subtle" icon={<DeleteRegular />} onClick={() => setPending({ kind: 'revoke', app, secret })} data-testid={`revoke-secret-${secret.prefix}`}>
        {t('apps.revoke')}
      </Button>
    </div>
  );

  return (
    <>
      <PageHeader
        title={t('apps.title')}
        description={t('apps.description')}
        actions={
          <Button appearance="primary" icon={<AddRegular />} onClick={() => setDialog({})} data-testid="register-app">
            {t('apps.register')}
          </Button>
        }
      />
      <ErrorBar error={addSecret.error ?? update.error} testId="apps-action-error" />
      <div className={styles.tableWrap}>
        <DataTable<App>
          aria-label={t('apps.title')}
          testId="apps-table"
          rows={items}
          rowId={(app) => app.id}
          rowProps={(app) => ({ 'data-app': app.name })}
          columns={[
            {
              id: 'name',
              header: t('apps.columnName'),
              cell: (app) => (
                <div className={styles.stack}>
                  <Text weight="semibold">{app.name}</Text>
                  <div className={styles.line}>
                    <Caption1 className={styles.mono}>{app.clientId}</Caption1>
                    <CopyButton text={app.clientId} data-testid={`copy-client-id-${app.name}`} />
                  </div>
                </div>
              ),
            },
            {
              id: 'state',
              header: t('apps.columnState'),
              cell: (app) => (
                <Badge appearance="tint" color={app.state === 'active' ? 'success' : 'subtle'} data-testid={`app-state-${app.name}`}>
                  {app.state === 'active' ? t('apps.stateActive') : t('apps.stateDisabled')}
                </Badge>
              ),
            },
            {
              id: 'permissions',
              header: t('apps.columnPermissions'),
              cell: (app) => <Caption1 className={styles.mono}>{app.permissions.join(', ')}</Caption1>,
            },
            {
              id: 'secrets',
              header: t('apps.columnSecrets'),
              cell: (app) => <div className={styles.stack}>{app.secrets.length ? app.secrets.map((secret) => secretLine(app, secret)) : <Caption1>{t('apps.noSecrets')}</Caption1>}</div>,
            },
            {
              id: 'actions',
              header: null,
              headerLabel: t('apps.columnActions'),
              cell: (app) => (
                <div className={styles.actions}>
                  <Button size="small" appearance="subtle" icon={<KeyRegular />} disabled={addSecret.isPending} onClick={() => addSecret.mutate({ appId: app.id })} data-testid={`new-secret-${app.name}`}>
                    {t('apps.newSecret')}
                  </Button>
                  <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setDialog({ editing: app })} data-testid={`edit-app-${app.name}`}>
                    {t('apps.edit')}
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={app.state === 'active' ? <PauseRegular /> : <PlayRegular />}
                    disabled={update.isPending}
                    onClick={() => update.mutate({ appId: app.id, patch: { state: app.state === 'active' ? 'disabled' : 'active' } })}
                    data-testid={`toggle-app-${app.name}`}
                  >
                    {app.state === 'active' ? t('apps.disable') : t('apps.enable')}
                  </Button>
                  <Button size="small" appearance="subtle" icon={<DeleteRegular />} onClick={() => setPending({ kind: 'delete', app })} data-testid={`delete-app-${app.name}`}>
                    {t('apps.delete')}
                  </Button>
                </div>
              ),
            },
          ]}
        />
        {items.length === 0 ? <div className={styles.empty}>{t('apps.empty')}</div> : null}
      </div>

      {dialog ? <AppDialog key={dialog.editing?.id ?? 'new'} tenantId={tenantId} editing={dialog.editing} open onClose={() => setDialog(null)} /> : null}
      <FormDialog
        open={newSecret !== null}
        onClose={() => setNewSecret(null)}
        alert
        title={t('apps.newSecretTitle')}
        actions={
          <Button appearance="primary" onClick={() => setNewSecret(null)} data-testid="new-secret-done">
            {t('common.done')}
          </Button>
        }
        testId="new-secret-dialog"
      >
        {newSecret ? (
          <>
            <SecretShownOnce secret={newSecret.clientSecret} />
            <Body1>{t('apps.rotateHint')}</Body1>
          </>
        ) : null}
      </FormDialog>
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title={t('apps.deleteTitle', { name: pending?.app.name ?? '' })}
        message={t('apps.deleteMessage')}
        confirmLabel={t('apps.delete')}
        onConfirm={() => pending && remove.mutate(pending.app.id)}
        onCancel={() => setPending(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="delete-app-dialog"
      />
      <ConfirmDialog
        open={pending?.kind === 'revoke'}
        title={t('apps.revokeTitle')}
        message={pending?.kind === 'revoke' ? t('apps.revokeMessage', { prefix: pending.secret.prefix }) : ''}
        confirmLabel={t('apps.revoke')}
        onConfirm={() => pending?.kind === 'revoke' && revoke.mutate({ appId: pending.app.id, secretId: pending.secret.id })}
        onCancel={() => setPending(null)}
        pending={revoke.isPending}
        error={revoke.error}
        testId="revoke-secret-dialog"
      />
    </>
  );
}

/** The tenant's apps: client credentials for integrations (global admins). */
export default function Apps() {
  const { data: me } = useMe();
  return <RequirePermission permission={PERMISSIONS.appsManage}>{me ? <AppsContent tenantId={me.tenant.id} /> : <Loading />}</RequirePermission>;
}
