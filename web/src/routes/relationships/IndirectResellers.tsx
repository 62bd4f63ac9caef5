import { useState } from 'react';
import {
  Button,
  Caption1,
  Input,
  Subtitle2,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, LinkDismissRegular, PeopleRegular, PeopleTeamRegular, SearchRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEndRelationship, usePendingResellerInvitations, useRevokeResellerInvitation } from '../../api/relationships';
import { useRelationships } from '../../api/channel';
import { keys } from '../../api/keys';
import { AdminAccessBadge } from '../../components/ChannelBadges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PendingInvitations } from '../../components/PendingInvitations';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS, hasPermission } from '../../permissions';
import { useMe } from '../../session';
import type { Relationship, ResellerInvitation } from '@contracts/relationships';
import { RequestResellerDialog } from './RequestResellerDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  toolbar: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  search: { minWidth: '280px' },
  count: { color: tokens.colorNeutralForeground3 },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  section: { marginTop: '20px' },
});

function normalize(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase().trim();
}

/** REL-2: the provider's pending reseller invitations, which it can withdraw. */
function PendingResellerInvitations({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const invitations = usePendingResellerInvitations();
  const revoke = useRevokeResellerInvitation({
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.resellerInvitations.all }),
  });
  return (
    <PendingInvitations<ResellerInvitation>
      invitations={invitations}
      revoke={revoke}
      canRevoke={canManage}
      label={t('indirectResellers.pendingTitle')}
      columns={[{ id: 'created', header: t('indirectResellers.columnCreated'), cell: (invitation) => format.dateTime(invitation.createdAt) }]}
      testIds={{ list: 'reseller-invitations', row: 'reseller-invitation', revoke: 'revoke-invitation' }}
    />
  );
}

/** REL-5, REL-8: the provider's indirect resellers, its pending invitations, and the way to invite. */
function IndirectResellersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const permissions = me?.permissions ?? [];
  const canManage = hasPermission(permissions, PERMISSIONS.relationshipsManage);
  const canSeeCustomers = hasPermission(permissions, PERMISSIONS.customersRead);
  // REL-4: the provider's admin agents manage a reseller's users while the reseller allows it.
  const isAdminAgent = !!me?.user.roles.includes('adminAgent');
  const relationships = useRelationships('IsIndirectCloudSolutionProviderOf');
  const [search, setSearch] = useState('');
  const [inviting, setInviting] = useState(false);
  const [ending, setEnding] = useState<Relationship | null>(null);

  const end = useEndRelationship({
    onSuccess: async () => {
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: keys.relationships.all });
    },
  });

  const needle = normalize(search);
  const items = (relationships.data?.items ?? []).filter(
    (item) => !needle || normalize(item.name).includes(needle) || (item.partnerId ?? '').includes(needle),
  );

  return (
    <div className={styles.root}>
      <PageHeader
        title={t('indirectResellers.title')}
        description={t('indirectResellers.description')}
        actions={
          canManage ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setInviting(true)} data-testid="request-reseller-button">
              {t('indirectResellers.request')}
            </Button>
          ) : null
        }
      />
      <div className={styles.toolbar}>
        <Input
          className={styles.search}
          contentBefore={<SearchRegular />}
          type="search"
          placeholder={t('indirectResellers.searchPlaceholder')}
          aria-label={t('indirectResellers.searchPlaceholder')}
          value={search}
          onChange={(_event, data) => setSearch(data.value)}
          data-testid="resellers-search"
        />
        {relationships.data ? (
          <Caption1 className={styles.count} data-testid="resellers-count">
            {t('indirectResellers.count', { formatted: format.number(relationships.data.totalCount) })}
          </Caption1>
        ) : null}
      </div>
      {relationships.error ? (
        <ErrorBar error={relationships.error} testId="resellers-error" />
      ) : relationships.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<Relationship>
            aria-label={t('indirectResellers.title')}
            testId="resellers-table"
            rows={items}
            rowId={(relationship) => relationship.id}
            rowProps={(relationship) => ({ 'data-testid': `reseller-row-${relationship.partnerTenantId}` })}
            columns={[
              {
                id: 'reseller',
                header: t('indirectResellers.columnReseller'),
                cell: (relationship) => (
                  <TableCellLayout>
                    <Text weight="semibold" data-testid="reseller-name">
                      {relationship.name}
                    </Text>
                    <Caption1 className={styles.secondary}>{format.country(relationship.country)}</Caption1>
                  </TableCellLayout>
                ),
              },
              { id: 'partnerId', header: t('indirectResellers.columnPartnerId'), cell: (relationship) => relationship.partnerId ?? t('common.emptyValue') },
              { id: 'since', header: t('indirectResellers.columnSince'), cell: (relationship) => format.date(relationship.createdAt) },
              {
                id: 'adminAccess',
                header: t('indirectResellers.columnAdminAccess'),
                cell: (relationship) => <AdminAccessBadge value={relationship.adminAccess} testId={`reseller-admin-access-${relationship.partnerTenantId}`} />,
              },
              {
                id: 'actions',
                header: t('indirectResellers.columnActions'),
                cell: (relationship) => (
                  <div className={styles.actions}>
                    {isAdminAgent ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<PeopleRegular />}
                        onClick={() => navigate(`/relationships/resellers/${encodeURIComponent(relationship.partnerTenantId)}/users`, { state: { name: relationship.name } })}
                        data-testid={`manage-users-${relationship.partnerTenantId}`}
                      >
                        {t('indirectResellers.manageUsers')}
                      </Button>
                    ) : null}
                    {canSeeCustomers ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<PeopleTeamRegular />}
                        onClick={() => navigate(`/customers?resellerTenantId=${encodeURIComponent(relationship.partnerTenantId)}`)}
                        data-testid={`reseller-customers-${relationship.partnerTenantId}`}
                      >
                        {t('indirectResellers.customers')}
                      </Button>
                    ) : null}
                    {canManage ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<LinkDismissRegular />}
                        onClick={() => {
                          end.reset();
                          setEnding(relationship);
                        }}
                        data-testid={`end-relationship-${relationship.partnerTenantId}`}
                      >
                        {t('relationships.end')}
                      </Button>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
          {items.length === 0 ? (
            <div className={styles.empty} data-testid="resellers-empty">
              {needle ? t('indirectResellers.noMatches') : t('indirectResellers.empty')}
            </div>
          ) : null}
        </div>
      )}
      <Subtitle2 as="h2" className={styles.section}>
        {t('indirectResellers.pendingTitle')}
      </Subtitle2>
      <PendingResellerInvitations canManage={canManage} />
      <RequestResellerDialog open={inviting} onClose={() => setInviting(false)} />
      <ConfirmDialog
        open={!!ending}
        title={t('relationships.endTitle', { name: ending?.name ?? '' })}
        message={t('relationships.endMessageProvider')}
        confirmLabel={t('relationships.end')}
        onConfirm={() => ending && end.mutate(ending.id)}
        onCancel={() => setEnding(null)}
        pending={end.isPending}
        error={end.error}
        testId="end-relationship-dialog"
      />
    </div>
  );
}

export default function IndirectResellers() {
  return (
    <div data-testid="indirect-resellers-page">
      <RequirePermission permission={PERMISSIONS.relationshipsRead}>
        <IndirectResellersContent />
      </RequirePermission>
    </div>
  );
}
