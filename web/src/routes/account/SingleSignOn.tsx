import { useEffect, useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiWithEtag, api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '680px' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
    padding: '20px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  redirect: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface Connection {
  issuer: string;
  clientId: string;
  clientSecretSet: true;
  domains: string[];
  createdAt: string;
  updatedAt: string;
}

interface Loaded {
  connection: Connection | null;
  etag: string | null;
}

const splitDomains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/** The tenant's OpenID Connect identity provider: connect, change or remove it (global admins). */
function SingleSignOnContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const path = `/tenants/${tenantId}/identity-provider`;
  const key = ['identity-provider', tenantId];
  const loaded = useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<Loaded> => {
      try {
        const { data, etag } = await apiWithEtag<Connection>(path, { signal });
        return { connection: data, etag };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { connection: null, etag: null };
        throw error;
      }
    },
  });
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState('');
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const connection = loaded.data?.connection ?? null;

  useEffect(() => {
    if (!loaded.data) return;
    setIssuer(loaded.data.connection?.issuer ?? '');
    setClientId(loaded.data.connection?.clientId ?? '');
    setDomains(loaded.data.connection?.domains.join('\n') ?? '');
    setClientSecret('');
  }, [loaded.data]);

  const save = useMutation({
    mutationFn: (body: { issuer: string; clientId: string; clientSecret?: string; domains: string[] }) =>
      apiWithEtag<Connection>(path, { method: 'PUT', body, headers: loaded.data?.etag ? { 'If-Match': loaded.data.etag } : undefined }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData<Loaded>(key, { connection: data, etag });
      setTouched(false);
      setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(path, { method: 'DELETE', headers: loaded.data?.etag ? { 'If-Match': loaded.data.etag } : undefined }),
    onSuccess: () => {
      queryClient.setQueryData<Loaded>(key, { connection: null, etag: null });
      setConfirmRemove(false);
      setSaved(false);
    },
  });

  if (loaded.error) return <ErrorBar error={loaded.error} testId="sso-settings-error" />;
  if (loaded.isPending) return <Loading />;

  const redirectUri = `${window.location.origin}/v1/sso/callback`;
  const required = (value: string) => (touched && !value.trim() ? t('validation.required') : undefined);
  const secretMissing = touched && !connection && !clientSecret;
  const domainList = splitDomains(domains);
  const domainsError = required(domains) ?? fieldErrorOfDomains(save.error, domainList);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setSaved(false);
    if (!issuer.trim() || !clientId.trim() || domainList.length === 0 || (!connection && !clientSecret)) return;
    save.mutate({ issuer: issuer.trim(), clientId: clientId.trim(), ...(clientSecret ? { clientSecret } : {}), domains: domainList });
  };

  return (
    <div className={styles.root}>
      <div className={styles.card}>
        <Body1>{t('ssoSettings.redirectUriHelp')}</Body1>
        <div className={styles.redirect}>
          <span className={styles.code} data-testid="sso-redirect-uri">
            {redirectUri}
          </span>
          <CopyButton text={redirectUri} data-testid="sso-redirect-uri-copy" />
        </div>
      </div>
      <form className={styles.card} onSubmit={onSubmit} noValidate data-testid="sso-settings-form">
        {connection ? (
          <MessageBar intent="success" data-testid="sso-connected">
            <MessageBarBody>{t('ssoSettings.connected', { domains: connection.domains.join(', '), date: format.dateTime(connection.updatedAt) })}</MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info" data-testid="sso-not-connected">
            <MessageBarBody>{t('ssoSettings.notConnected')}</MessageBarBody>
          </MessageBar>
        )}
        {saved ? (
          <MessageBar intent="success" data-testid="sso-saved">
            <MessageBarBody>{t('ssoSettings.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <ErrorBar error={save.error} fieldPaths={['/issuer', '/clientId', '/clientSecret', '/domains']} testId="sso-save-error" />
        <Field
          label={t('ssoSettings.issuer')}
          hint={t('ssoSettings.issuerHint')}
          required
          validationMessage={required(issuer) ?? fieldError(save.error, '/issuer')}
          validationState={required(issuer) || fieldError(save.error, '/issuer') ? 'error' : 'none'}
        >
          <Input type="url" value={issuer} onChange={(_e, data) => setIssuer(data.value)} placeholder="https://login.contoso.com" data-testid="sso-issuer" />
        </Field>
        <Field
          label={t('ssoSettings.clientId')}
          required
          validationMessage={required(clientId) ?? fieldError(save.error, '/clientId')}
          validationState={required(clientId) || fieldError(save.error, '/clientId') ? 'error' : 'none'}
        >
          <Input value={clientId} onChange={(_e, data) => setClientId(data.value)} data-testid="sso-client-id" />
        </Field>
        <Field
          label={t('ssoSettings.clientSecret')}
          hint={connection ? t('ssoSettings.clientSecretKept') : t('ssoSettings.clientSecretHint')}
          required={!connection}
          validationMessage={secretMissing ? t('validation.required') : fieldError(save.error, '/clientSecret')}
          validationState={secretMissing || fieldError(save.error, '/clientSecret') ? 'error' : 'none'}
        >
          <Input type="password" autoComplete="new-password" value={clientSecret} onChange={(_e, data) => setClientSecret(data.value)} data-testid="sso-client-secret" />
        </Field>
        <Field
          label={t('ssoSettings.domains')}
          hint={t('ssoSettings.domainsHint')}
          required
          validationMessage={domainsError}
          validationState={domainsError ? 'error' : 'none'}
        >
          <Textarea value={domains} onChange={(_e, data) => setDomains(data.value)} resize="vertical" placeholder="contoso.com" data-testid="sso-domains" />
        </Field>
        <Caption1 className={styles.muted}>{t('ssoSettings.passwordPolicy')}</Caption1>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="sso-save">
            {save.isPending ? t('ssoSettings.checking') : connection ? t('ssoSettings.save') : t('ssoSettings.connect')}
          </Button>
          {connection ? (
            <Button appearance="secondary" icon={<DeleteRegular />} onClick={() => setConfirmRemove(true)} data-testid="sso-remove">
              {t('ssoSettings.remove')}
            </Button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={confirmRemove}
        title={t('ssoSettings.removeTitle')}
        message={t('ssoSettings.removeMessage')}
        confirmLabel={t('ssoSettings.remove')}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirmRemove(false)}
        pending={remove.isPending}
        error={remove.error}
        testId="sso-remove-dialog"
      />
    </div>
  );
}

/** The first field error the server gave about one of the domains (`/domains/<index>`), naming the domain. */
function fieldErrorOfDomains(error: unknown, domains: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = (error.problem.errors ?? []).find((e) => e.path === '/domains' || e.path.startsWith('/domains/'));
  if (!found) return undefined;
  const index = Number(found.path.split('/')[2]);
  return Number.isInteger(index) && domains[index] ? `${domains[index]}: ${found.message}` : found.message;
}

export default function SingleSignOn() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <div data-testid="sso-settings-page">
      <PageHeader title={t('ssoSettings.title')} description={t('ssoSettings.description')} />
      <RequirePermission permission={PERMISSIONS.identityProviderManage}>{me ? <SingleSignOnContent tenantId={me.tenant.id} /> : <Loading />}</RequirePermission>
    </div>
  );
}
