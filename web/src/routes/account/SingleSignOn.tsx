import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Body1, Button, Caption1, Field, Input, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import {
  useClaimDomain,
  useDomainClaims,
  useIdentityProvider,
  useRemoveDomain,
  useRemoveIdentityProvider,
  useSaveIdentityProvider,
  useVerifyDomain,
  type LoadedIdentityProvider as Loaded,
} from '../../api/identity';
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
  domainList: { display: 'flex', flexDirection: 'column', gap: '12px', margin: 0, padding: 0, listStyle: 'none' },
  domain: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  domainHeader: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  domainName: { fontWeight: tokens.fontWeightSemibold, marginInlineEnd: 'auto' },
  record: { display: 'grid', gridTemplateColumns: 'auto 1fr auto', gap: '4px 8px', alignItems: 'center' },
  addDomain: { display: 'flex', gap: '8px', alignItems: 'flex-end', flexWrap: 'wrap' },
  addDomainField: { flexGrow: 1, minWidth: '220px' },
});

/** The tenant's OpenID Connect identity provider: connect, change or remove it (global admins). */
function SingleSignOnContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const key = keys.identityProvider(tenantId);
  const loaded = useIdentityProvider(tenantId);
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const connection = loaded.data?.connection ?? null;

  useEffect(() => {
    if (!loaded.data) return;
    setIssuer(loaded.data.connection?.issuer ?? '');
    setClientId(loaded.data.connection?.clientId ?? '');
    setClientSecret('');
  }, [loaded.data]);

  const save = useSaveIdentityProvider(tenantId, () => loaded.data?.etag, {
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData<Loaded>(key, { connection: data, etag });
      setTouched(false);
      setSaved(true);
    },
  });
  const remove = useRemoveIdentityProvider(tenantId, () => loaded.data?.etag, {
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setSaved(false);
    if (!issuer.trim() || !clientId.trim() || (!connection && !clientSecret)) return;
    save.mutate({ issuer: issuer.trim(), clientId: clientId.trim(), ...(clientSecret ? { clientSecret } : {}) });
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
            <MessageBarBody>
              {connection.domains.length
                ? t('ssoSettings.connected', { domains: connection.domains.join(', '), date: format.dateTime(connection.updatedAt) })
                : t('ssoSettings.connectedNoDomains', { date: format.dateTime(connection.updatedAt) })}
            </MessageBarBody>
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
        <ErrorBar error={save.error} fieldPaths={['/issuer', '/clientId', '/clientSecret']} testId="sso-save-error" />
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
      <SingleSignOnDomains tenantId={tenantId} />
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

/**
 * ACC-5: the email domains that sign in through the identity provider. Each is claimed, then proved
 * by a DNS TXT record the tenant publishes; only a verified domain signs in through the provider.
 */
function SingleSignOnDomains({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const key = keys.identityProviderDomains(tenantId);
  const domains = useDomainClaims(tenantId);
  const [domain, setDomain] = useState('');
  const [touched, setTouched] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  // Verifying changes which domains the connection signs in: both are read again.
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: key }), queryClient.invalidateQueries({ queryKey: keys.identityProvider(tenantId) })]);
  const claim = useClaimDomain(tenantId, {
    onSuccess: async () => {
      setDomain('');
      setTouched(false);
      await refresh();
    },
  });
  const verify = useVerifyDomain(tenantId, {
    onSuccess: refresh,
  });
  const remove = useRemoveDomain(tenantId, {
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  const missing = touched && !domain.trim();
  const domainError = missing ? t('validation.required') : fieldError(claim.error, '/domain', ['identity_provider_domain_taken', 'identity_provider_domain_limit']);
  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (domain.trim()) claim.mutate(domain.trim());
  };

  return (
    <section className={styles.card} data-testid="sso-domains">
      <Subtitle2>{t('ssoSettings.domains')}</Subtitle2>
      <Body1>{t('ssoSettings.domainsHelp')}</Body1>
      <form className={styles.addDomain} onSubmit={onAdd} noValidate>
        <Field className={styles.addDomainField} label={t('ssoSettings.domain')} required validationMessage={domainError} validationState={domainError ? 'error' : 'none'}>
          <Input value={domain} onChange={(_e, data) => setDomain(data.value)} placeholder="contoso.com" data-testid="sso-domain-input" />
        </Field>
        <Button type="submit" icon={<AddRegular />} disabled={claim.isPending} data-testid="sso-domain-add">
          {t('ssoSettings.addDomain')}
        </Button>
      </form>
      <ErrorBar error={claim.error} fieldPaths={['/domain']} fieldCodes={['identity_provider_domain_taken', 'identity_provider_domain_limit']} testId="sso-domain-add-error" />
      {domains.error ? <ErrorBar error={domains.error} testId="sso-domains-error" /> : null}
      {domains.isPending ? <Loading /> : null}
      {domains.data && domains.data.items.length === 0 ? (
        <Caption1 className={styles.muted} data-testid="sso-domains-empty">
          {t('ssoSettings.noDomains')}
        </Caption1>
      ) : null}
      {domains.data && domains.data.items.length > 0 ? (
        <ul className={styles.domainList}>
          {domains.data.items.map((item) => (
            <li key={item.domain} className={styles.domain} data-testid={`sso-domain-${item.domain}`}>
              <div className={styles.domainHeader}>
                <span className={styles.domainName}>{item.domain}</span>
                {item.status === 'verified' ? (
                  <Badge appearance="tint" color="success" data-testid={`sso-domain-status-${item.domain}`}>
                    {t('ssoSettings.statusVerified')}
                  </Badge>
                ) : (
                  <Badge appearance="tint" color="warning" data-testid={`sso-domain-status-${item.domain}`}>
                    {t('ssoSettings.statusPending')}
                  </Badge>
                )}
                {item.status === 'pending' ? (
                  <Button
                    appearance="primary"
                    size="small"
                    disabled={verify.isPending && verify.variables === item.domain}
                    onClick={() => verify.mutate(item.domain)}
                    data-testid={`sso-domain-verify-${item.domain}`}
                  >
                    {verify.isPending && verify.variables === item.domain ? t('ssoSettings.verifying') : t('ssoSettings.verify')}
                  </Button>
                ) : null}
                <Button appearance="subtle" size="small" icon={<DeleteRegular />} onClick={() => setRemoving(item.domain)} data-testid={`sso-domain-remove-${item.domain}`}>
                  {t('ssoSettings.removeDomain')}
                </Button>
              </div>
              {item.status === 'verified' && item.verifiedAt ? (
                <Caption1 className={styles.muted}>{t('ssoSettings.verifiedOn', { date: format.dateTime(item.verifiedAt) })}</Caption1>
              ) : (
                <Caption1>{t('ssoSettings.publishRecord')}</Caption1>
              )}
              <div className={styles.record}>
                <Caption1 className={styles.muted}>{t('ssoSettings.recordType')}</Caption1>
                <span className={styles.code}>{item.record.type}</span>
                <span />
                <Caption1 className={styles.muted}>{t('ssoSettings.recordName')}</Caption1>
                <span className={styles.code} data-testid={`sso-domain-record-name-${item.domain}`}>
                  {item.record.name}
                </span>
                <CopyButton text={item.record.name} data-testid={`sso-domain-record-name-copy-${item.domain}`} />
                <Caption1 className={styles.muted}>{t('ssoSettings.recordValue')}</Caption1>
                <span className={styles.code} data-testid={`sso-domain-record-value-${item.domain}`}>
                  {item.record.value}
                </span>
                <CopyButton text={item.record.value} data-testid={`sso-domain-record-value-copy-${item.domain}`} />
              </div>
              {verify.error && verify.variables === item.domain ? <ErrorBar error={verify.error} testId={`sso-domain-verify-error-${item.domain}`} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('ssoSettings.removeDomainTitle', { domain: removing ?? '' })}
        message={t('ssoSettings.removeDomainMessage')}
        confirmLabel={t('ssoSettings.removeDomain')}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="sso-domain-remove-dialog"
      />
    </section>
  );
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
