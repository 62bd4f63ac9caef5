import { useState } from 'react';
import {
  Button,
  Caption1,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ShieldDismissRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEndDelegatedAdmin, usePartnerRelationships } from '../../api/customers';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { DelegatedStatusBadge } from '../../components/ChannelBadges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import type { PartnerRelationship } from '@contracts/customers';

const useStyles = makeStyles({
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  delegated: { display: 'flex', flexDirection: 'column', gap: '6px', paddingBlock: '6px' },
  delegatedLine: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

/** CUS-7: the customer's partners, their delegated-admin roles and end dates; the global admin can end delegated admin. */
function PartnerRelationshipsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const canManage = usePermission(PERMISSIONS.customerPartnersManage);
  const [ending, setEnding] = useState<PartnerRelationship | null>(null);
  const relationships = usePartnerRelationships();
  const terminate = useEndDelegatedAdmin({
    onSuccess: async () => {
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: keys.partnerRelationships });
    },
  });

  if (relationships.error) return <ErrorBar error={relationships.error} testId="partner-relationships-error" />;
  if (relationships.isPending) return <Loading />;
  const items = relationships.data.items;

  return (
    <div className={styles.tableWrap}>
      <DataTable<PartnerRelationship>
        aria-label={t('partnerRelationships.title')}
        testId="partner-relationships-table"
        rows={items}
        rowId={(relationship) => relationship.id}
        rowProps={(relationship) => ({ 'data-testid': `partner-relationship-${relationship.partnerTenantId}` })}
        columns={[
          {
            id: 'partner',
            header: t('partnerRelationships.columnPartner'),
            cell: (relationship) => (
              <TableCellLayout>
                <Text weight="semibold" data-testid="partner-relationship-name">
                  {relationship.name}
                </Text>
                <Caption1 className={styles.secondary}>{format.country(relationship.country)}</Caption1>
              </TableCellLayout>
            ),
          },
          { id: 'role', header: t('partnerRelationships.columnRole'), cell: (relationship) => labels.partnerRole(relationship.role) },
          { id: 'since', header: t('partnerRelationships.columnSince'), cell: (relationship) => format.date(relationship.createdAt) },
          {
            id: 'delegated',
            header: t('partnerRelationships.columnDelegated'),
            cell: (relationship) =>
              relationship.delegatedAdmin.length === 0 ? (
                <Caption1 className={styles.secondary}>{t('partnerRelationships.noDelegated')}</Caption1>
              ) : (
                <div className={styles.delegated}>
                  {relationship.delegatedAdmin.map((dar) => (
                    <div key={dar.id} className={styles.delegatedLine} data-testid={`delegated-admin-${dar.id}`}>
                      <DelegatedStatusBadge status={dar.status} />
                      <Text>{dar.roles.map((role) => labels.delegatedRole(role)).join(', ')}</Text>
                      {dar.endsAt ? (
                        <Caption1 className={styles.secondary}>
                          {dar.autoExtend ? t('partnerRelationships.endsAutoExtend', { date: format.date(dar.endsAt) }) : t('partnerRelationships.ends', { date: format.date(dar.endsAt) })}
                        </Caption1>
                      ) : null}
                      <Caption1 className={styles.secondary} data-testid="delegated-admin-in-use">
                        {dar.assignedRoles.length > 0
                          ? t('groups.customer.inUse', { roles: dar.assignedRoles.map((role) => labels.delegatedRole(role)).join(', ') })
                          : t('groups.customer.noneInUse')}
                      </Caption1>
                    </div>
                  ))}
                </div>
              ),
          },
          ...(canManage
            ? [
                {
                  id: 'actions',
                  header: t('partnerRelationships.columnActions'),
                  cell: (relationship: PartnerRelationship) =>
                    relationship.delegatedAdmin.length > 0 ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<ShieldDismissRegular />}
                        onClick={() => {
                          terminate.reset();
                          setEnding(relationship);
                        }}
                        data-testid={`end-delegated-admin-${relationship.partnerTenantId}`}
                      >
                        {t('partnerRelationships.endDelegated')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {items.length === 0 ? (
        <div className={styles.empty} data-testid="partner-relationships-empty">
          {t('partnerRelationships.empty')}
        </div>
      ) : null}
      <ConfirmDialog
        open={!!ending}
        title={t('partnerRelationships.endDelegatedTitle', { name: ending?.name ?? '' })}
        message={t('partnerRelationships.endDelegatedMessage')}
        confirmLabel={t('partnerRelationships.endDelegated')}
        onConfirm={() => ending && terminate.mutate(ending.id)}
        onCancel={() => setEnding(null)}
        pending={terminate.isPending}
        error={terminate.error}
        testId="end-delegated-admin-dialog"
      />
    </div>
  );
}

export default function PartnerRelationships() {
  const { t } = useTranslation();
  return (
    <div data-testid="partner-relationships-page">
      <PageHeader title={t('partnerRelationships.title')} description={t('partnerRelationships.description')} />
      <RequirePermission permission={PERMISSIONS.customersRead}>
        <PartnerRelationshipsContent />
      </RequirePermission>
    </div>
  );
}
