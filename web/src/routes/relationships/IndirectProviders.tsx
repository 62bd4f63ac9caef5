import { useState } from 'react';
import {
  Button,
  Caption1,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LinkDismissRegular, PersonAddRegular, PeopleTeamRegular, SearchRegular, ShieldDismissRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import { useEndRelationship, useRemoveAdminAccess, useSharedCustomers } from '../../api/relationships';
import { useRelationships } from '../../api/channel';
import { AdminAccessBadge } from '../../components/ChannelBadges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS, hasPermission } from '../../permissions';
import { useMe } from '../../session';
import type { Relationship } from '@contracts/relationships';
import type { Customer } from '@contracts/customers';
import { InviteCustomerDialog } from '../customers/InviteCustomerDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
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
  surface: { maxWidth: '720px', width: '100%' },
});

/** REL-7: the customers the reseller shares with one provider. */
function SharedCustomersDialog({ relationship, onClose }: { relationship: Relationship | null; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const customers = useSharedCustomers(relationship);
  return (
    <FormDialog
      open={!!relationship}
      onClose={onClose}
      title={t('indirectProviders.customersTitle', { name: relationship?.name ?? '' })}
      described
      actions={
        <Button onClick={onClose} data-testid="shared-customers-close">
          {t('common.close')}
        </Button>
      }
      testId="shared-customers-dialog"
      className={styles.surface}
    >
      {customers.error ? (
        <ErrorBar error={customers.error} testId="shared-customers-error" />
      ) : customers.isPending ? (
        <Loading />
      ) : customers.data.items.length === 0 ? (
        <div className={styles.empty} data-testid="shared-customers-empty">
          {t('indirectProviders.noCustomers')}
        </div>
      ) : (
        <DataTable<Customer>
          aria-label={t('indirectProviders.customersTitle', { name: relationship?.name ?? '' })}
          testId="shared-customers-table"
          rows={customers.data.items}
          rowId={(customer) => customer.id}
          rowProps={(customer) => ({ 'data-testid': `shared-customer-${customer.id}` })}
          columns={[
            {
              id: 'company',
              header: t('customers.columnCompany'),
              cell: (customer) => (
                <TableCellLayout>
                  <Text weight="semibold">{customer.companyName}</Text>
                  <Caption1 className={styles.secondary}>{format.country(customer.country)}</Caption1>
                </TableCellLayout>
              ),
            },
            { id: 'domain', header: t('customers.columnDomain'), cell: (customer) => customer.primaryDomain },
            { id: 'since', header: t('customers.columnSince'), cell: (customer) => format.date(customer.createdAt) },
          ]}
        />
      )}
    </FormDialog>
  );
}

/** REL-4, REL-5, REL-7, REL-8: the reseller's indirect providers, their admin access, shared customers. */
function IndirectProvidersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const permissions = me?.permissions ?? [];
  const canManage = hasPermission(permissions, PERMISSIONS.relationshipsManage);
  const canRemoveAccess = hasPermission(permissions, PERMISSIONS.relationshipsAdminAccess);
  const canSeeCustomers = hasPermission(permissions, PERMISSIONS.customersRead);
  const canInvite = hasPermission(permissions, PERMISSIONS.customersInvite);
  const relationships = useRelationships('IsIndirectResellerOf');
  const [ending, setEnding] = useState<Relationship | null>(null);
  const [removing, setRemoving] = useState<Relationship | null>(null);
  const [viewing, setViewing] = useState<Relationship | null>(null);
  const [inviteFor, setInviteFor] = useState<Relationship | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.relationships.all });
  const end = useEndRelationship({
    onSuccess: async () => {
      setEnding(null);
      await refresh();
    },
  });
  const removeAccess = useRemoveAdminAccess({
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  const items = relationships.data?.items ?? [];

  return (
    <div className={styles.root}>
      <PageHeader
        title={t('indirectProviders.title')}
        description={t('indirectProviders.description')}
        actions={
          <Button icon={<SearchRegular />} onClick={() => navigate('/relationships/directory')} data-testid="find-provider-button">
            {t('indirectProviders.find')}
          </Button>
        }
      />
      {relationships.data ? (
        <Caption1 className={styles.count} data-testid="providers-count">
          {t('indirectProviders.count', { formatted: format.number(relationships.data.totalCount) })}
        </Caption1>
      ) : null}
      {relationships.error ? (
        <ErrorBar error={relationships.error} testId="providers-error" />
      ) : relationships.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<Relationship>
            aria-label={t('indirectProviders.title')}
            testId="providers-table"
            rows={items}
            rowId={(relationship) => relationship.id}
            rowProps={(relationship) => ({ 'data-testid': `provider-row-${relationship.partnerTenantId}` })}
            columns={[
              {
                id: 'provider',
                header: t('indirectProviders.columnProvider'),
                cell: (relationship) => (
                  <TableCellLayout>
                    <Text weight="semibold" data-testid="provider-name">
                      {relationship.name}
                    </Text>
                    <Caption1 className={styles.secondary}>{format.country(relationship.country)}</Caption1>
                  </TableCellLayout>
                ),
              },
              { id: 'since', header: t('indirectProviders.columnSince'), cell: (relationship) => format.date(relationship.createdAt) },
              {
                id: 'adminAccess',
                header: t('indirectProviders.columnAdminAccess'),
                cell: (relationship) => <AdminAccessBadge value={relationship.adminAccess} testId={`provider-admin-access-${relationship.partnerTenantId}`} />,
              },
              {
                id: 'actions',
                header: t('indirectProviders.columnActions'),
                cell: (relationship) => (
                  <div className={styles.actions}>
                    {canSeeCustomers ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<PeopleTeamRegular />}
                        onClick={() => setViewing(relationship)}
                        data-testid={`view-customers-${relationship.partnerTenantId}`}
                      >
                        {t('indirectProviders.viewCustomers')}
                      </Button>
                    ) : null}
                    {canInvite ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<PersonAddRegular />}
                        onClick={() => setInviteFor(relationship)}
                        data-testid={`invite-customer-${relationship.partnerTenantId}`}
                      >
                        {t('indirectProviders.inviteCustomer')}
                      </Button>
                    ) : null}
                    {canRemoveAccess && relationship.adminAccess === 'granted' ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<ShieldDismissRegular />}
                        onClick={() => {
                          removeAccess.reset();
                          setRemoving(relationship);
                        }}
                        data-testid={`remove-admin-access-${relationship.partnerTenantId}`}
                      >
                        {t('indirectProviders.removeAdminAccess')}
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
            <div className={styles.empty} data-testid="providers-empty">
              {t('indirectProviders.empty')}
            </div>
          ) : null}
        </div>
      )}
      <SharedCustomersDialog relationship={viewing} onClose={() => setViewing(null)} />
      <InviteCustomerDialog
        open={!!inviteFor}
        onClose={() => setInviteFor(null)}
        initialType="resellerAndProvider"
        initialProviderRelationshipId={inviteFor?.id}
      />
      <ConfirmDialog
        open={!!removing}
        title={t('indirectProviders.removeAdminAccessTitle', { name: removing?.name ?? '' })}
        message={t('indirectProviders.removeAdminAccessMessage')}
        confirmLabel={t('indirectProviders.removeAdminAccess')}
        onConfirm={() => removing && removeAccess.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
        pending={removeAccess.isPending}
        error={removeAccess.error}
        testId="remove-admin-access-dialog"
      />
      <ConfirmDialog
        open={!!ending}
        title={t('relationships.endTitle', { name: ending?.name ?? '' })}
        message={t('relationships.endMessageReseller')}
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

export default function IndirectProviders() {
  return (
    <div data-testid="indirect-providers-page">
      <RequirePermission permission={PERMISSIONS.relationshipsRead}>
        <IndirectProvidersContent />
      </RequirePermission>
    </div>
  );
}
