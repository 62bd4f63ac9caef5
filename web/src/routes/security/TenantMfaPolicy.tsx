import { Caption1, Card, CardHeader, Switch, Text, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSetTenantMfaPolicy, useTenantMfaPolicy } from '../../api/security';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { PERMISSIONS } from '../../permissions';
import { useMe } from '../../session';

const useStyles = makeStyles({ cards: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px' } });

/** The organization's own MFA policy (ACC-4): its global admin may require a second factor of every user. */
function TenantMfaPolicyContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const policy = useTenantMfaPolicy(tenantId);
  const setPolicy = useSetTenantMfaPolicy(tenantId);
  return (
    <div data-testid="tenant-mfa-page">
      <PageHeader title={t('security.tenant.title')} description={t('security.tenant.description')} />
      <div className={styles.cards}>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('security.tenant.policyTitle')}</Text>} description={<Caption1>{t('security.tenant.policyDescription')}</Caption1>} />
          <ErrorBar error={policy.error ?? setPolicy.error} testId="tenant-mfa-policy-error" />
          {policy.data ? (
            <Switch
              checked={policy.data.requireAllUsers}
              disabled={setPolicy.isPending}
              onChange={(_event, data) => setPolicy.mutate(data.checked)}
              label={policy.data.requireAllUsers ? t('security.tenant.required') : t('security.tenant.notRequired')}
              data-testid="tenant-mfa-require-all"
            />
          ) : policy.isPending ? (
            <Loading />
          ) : null}
        </Card>
      </div>
    </div>
  );
}

export default function TenantMfaPolicy() {
  const { data: me } = useMe();
  return <RequirePermission permission={PERMISSIONS.mfaPolicyManage}>{me ? <TenantMfaPolicyContent tenantId={me.tenant.id} /> : null}</RequirePermission>;
}
