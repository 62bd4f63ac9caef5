import { useState } from 'react';
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle2,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, CartRegular, PersonAddRegular, SearchRegular, ShieldAddRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePendingCustomerInvitations, useRevokeCustomerInvitation } from '../../api/customers';
import { useCustomers, useRelationships } from '../../api/channel';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { DataTable, RowExpandButton } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PendingInvitations } from '../../components/PendingInvitations';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { PERMISSIONS, hasPermission, isProviderTenant, isResellerTenant } from '../../permissions';
import { useMe } from '../../session';
import type { Customer, CustomerInvitation } from '@contracts/customers';
import { DelegatedAdminPanel } from '../groups/DelegatedAdminPanel';
import { CustomerUsersPanel } from './CustomerUsersPanel';
import { InviteCustomerDialog } from './InviteCustomerDialog';
import { RequestDelegatedAdminDialog } from './RequestDelegatedAdminDialog';
import { SubscriptionsPanel } from './SubscriptionsPanel';

const ALL = 'all';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  filters: { display: 'flex', gap: '16px', alignItems: 'flex-end', flexWrap: 'wrap' },
  filter: { minWidth: '260px' },
  count: { color: tokens.colorNeutralForeground3 },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  details: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px 16px 20px 48px',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  section: { marginTop: '20px' },
  sectionHeader: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
});

/** CUS-1: the reseller's pending customer invitations, which it can withdraw. */
function PendingCustomerInvitations() {
  const { t } = useTranslation();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const invitations = usePendingCustomerInvitations();
  const revoke = useRevokeCustomerInvitation({
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.customerInvitations.all }),
  });
  return (
    <PendingInvitations<CustomerInvitation>
      invitations={invitations}
      revoke={revoke}
      canRevoke
      label={t('customersPage.pendingTitle')}
      columns={[{ id: 'type', header: t('customersPage.columnType'), cell: (invitation) => labels.invitationType(invitation.type) }]}
      testIds={{ list: 'customer-invitations', row: 'customer-invitation', revoke: 'revoke-customer-invitation' }}
    />
  );
}

function CustomerDetails({ customer }: { customer: Customer }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canAssign = hasPermission(me?.permissions, PERMISSIONS.licensesManage);
  // Delegated admin is asked by a partner with a relationship of its own with the customer.
  const canRequestDelegated = hasPermission(me?.permissions, PERMISSIONS.customersManage) && customer.relationships.some((item) => item.partnerTenantId === me?.tenant.id);
  const [requesting, setRequesting] = useState(false);
  return (
    <div className={styles.details} data-testid={`customer-details-${customer.id}`}>
      <Subtitle2 as="h3">{t('customersPage.subscriptions')}</Subtitle2>
      <SubscriptionsPanel customerId={customer.id} />
      <Subtitle2 as="h3">{t('customersPage.users')}</Subtitle2>
      <CustomerUsersPanel customerId={customer.id} canAssign={canAssign} manageUsers />
      <div className={styles.sectionHeader}>
        <Subtitle2 as="h3">{t('groups.assignments.title')}</Subtitle2>
        {canRequestDelegated ? (
          <Button size="small" icon={<ShieldAddRegular />} onClick={() => setRequesting(true)} data-testid={`request-delegated-${customer.id}`}>
            {t('delegatedAdmin.request.open')}
          </Button>
        ) : null}
      </div>
      <DelegatedAdminPanel customerId={customer.id} />
      {requesting ? <RequestDelegatedAdminDialog customerId={customer.id} customerName={customer.companyName} onClose={() => setRequesting(false)} /> : null}
    </div>
  );
}

/**
 * CUS-4: a reseller's customers, and a provider's (filtered by reseller); a row opens the customer's
 * subscriptions and users. Resellers request relationships (CUS-1); providers add customers (CUS-5)
 * and order for them (ORD-2).
 */
function CustomersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const permissions = me?.permissions ?? [];
  const isProvider = isProviderTenant(me?.memberships);
  const isReseller = isResellerTenant(me?.memberships);
  const canInvite = isReseller && hasPermission(permissions, PERMISSIONS.customersInvite);
  const canCreate = isProvider && hasPermission(permissions, PERMISSIONS.customersCreate);
  const canOrder = isProvider && hasPermission(permissions, PERMISSIONS.commerceOrder);
  const resellers = useRelationships('IsIndirectCloudSolutionProviderOf', isProvider);
  const providers = useRelationships('IsIndirectResellerOf', isReseller);
  const resellerTenantId = params.get('resellerTenantId') ?? '';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const customers = useCustomers({ q: q || undefined, resellerTenantId: resellerTenantId || undefined });
  // Held here, so a customer opened before a search is open again when the search shows it.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [inviting, setInviting] = useState(false);

  const setReseller = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('resellerTenantId', value);
    else next.delete('resellerTenantId');
    setParams(next, { replace: true });
  };

  const resellerItems = resellers.data?.items ?? [];
  const partnerNames = new Map([...resellerItems, ...(providers.data?.items ?? [])].map((item) => [item.partnerTenantId, item.name]));
  const resellerName = (tenantId: string) => partnerNames.get(tenantId);
  const items = customers.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = customers.data?.pages[0]?.totalCount ?? 0;

  return (
    <div className={styles.root}>
      <PageHeader
        title={t('customersPage.title')}
        description={isProvider && !isReseller ? t('customersPage.descriptionProvider') : t('customersPage.description')}
        actions={
          <>
            {canInvite ? (
              <Button appearance="primary" icon={<PersonAddRegular />} onClick={() => setInviting(true)} data-testid="invite-customer-button">
                {t('customersPage.request')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button appearance={canInvite ? 'secondary' : 'primary'} icon={<AddRegular />} onClick={() => navigate('/customers/new')} data-testid="add-customer-button">
                {t('customersPage.add')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className={styles.filters}>
        <Input
          className={styles.filter}
          contentBefore={<SearchRegular />}
          type="search"
          placeholder={t('customersPage.searchPlaceholder')}
          aria-label={t('customersPage.searchPlaceholder')}
          value={search}
          onChange={(_event, data) => setSearch(data.value)}
          data-testid="customers-search"
        />
        {isProvider ? (
          <Field label={t('customersPage.reseller')}>
            <Dropdown
              className={styles.filter}
              value={resellerTenantId ? (resellerName(resellerTenantId) ?? t('common.loading')) : t('customersPage.allResellers')}
              selectedOptions={[resellerTenantId || ALL]}
              onOptionSelect={(_event, data) => setReseller(data.optionValue === ALL ? '' : (data.optionValue ?? ''))}
              data-testid="customers-reseller-filter"
            >
              <Option value={ALL} data-testid="customers-reseller-all">
                {t('customersPage.allResellers')}
              </Option>
              {resellerItems.map((item) => (
                <Option key={item.partnerTenantId} value={item.partnerTenantId} text={item.name} data-testid={`customers-reseller-${item.partnerTenantId}`}>
                  {item.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        {customers.data ? (
          <Caption1 className={styles.count} data-testid="customers-count">
            {t('customersPage.count', { formatted: format.number(totalCount) })}
          </Caption1>
        ) : null}
      </div>
      {customers.error ? (
        <ErrorBar error={customers.error} testId="customers-error" />
      ) : customers.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<Customer>
            aria-label={t('customersPage.title')}
            testId="customers-table"
            rows={items}
            rowId={(customer) => customer.id}
            rowProps={(customer) => ({ 'data-testid': `customer-row-${customer.id}` })}
            expand={{ render: (customer) => <CustomerDetails customer={customer} />, open: expanded, onOpenChange: setExpanded }}
            columns={[
              {
                id: 'company',
                header: t('customers.columnCompany'),
                cell: (customer, _index, row) => (
                  <TableCellLayout
                    media={
                      <RowExpandButton
                        controls={row}
                        label={row.expanded ? t('customersPage.collapse') : t('customersPage.expand')}
                        testId={`customer-expand-${customer.id}`}
                      />
                    }
                  >
                    <Text weight="semibold" data-testid="customer-name">
                      {customer.companyName}
                    </Text>
                    <Caption1 className={styles.secondary}>{format.country(customer.country)}</Caption1>
                  </TableCellLayout>
                ),
              },
              { id: 'domain', header: t('customers.columnDomain'), cell: (customer) => customer.primaryDomain },
              {
                id: 'partners',
                header: t('customersPage.columnPartners'),
                cell: (customer) =>
                  customer.relationships
                    .filter((item) => item.partnerTenantId !== me?.tenant.id)
                    .map((item) => {
                      const name = resellerName(item.partnerTenantId);
                      return name ? `${name} (${labels.partnerRole(item.role)})` : labels.partnerRole(item.role);
                    })
                    .join(', ') || t('common.emptyValue'),
              },
              { id: 'since', header: t('customers.columnSince'), cell: (customer) => format.date(customer.createdAt) },
              ...(canOrder
                ? [
                    {
                      id: 'actions',
                      header: t('customersPage.columnActions'),
                      cell: (customer: Customer) => (
                        <div className={styles.actions}>
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<CartRegular />}
                            onClick={() => navigate(`/customers/${encodeURIComponent(customer.id)}/order`)}
                            data-testid={`order-for-${customer.id}`}
                          >
                            {t('customersPage.order')}
                          </Button>
                        </div>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {items.length === 0 ? (
            <div className={styles.empty} data-testid="customers-empty">
              {q || resellerTenantId ? t('customersPage.noMatches') : t('customersPage.empty')}
            </div>
          ) : null}
          {customers.hasNextPage ? (
            <div className={styles.more}>
              <Button onClick={() => customers.fetchNextPage()} disabled={customers.isFetchingNextPage} data-testid="customers-load-more">
                {customers.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}
      {canInvite ? (
        <>
          <Subtitle2 as="h2" className={styles.section}>
            {t('customersPage.pendingTitle')}
          </Subtitle2>
          <PendingCustomerInvitations />
          <InviteCustomerDialog open={inviting} onClose={() => setInviting(false)} />
        </>
      ) : null}
    </div>
  );
}

export default function Customers() {
  return (
    <div data-testid="customers-page">
      <RequirePermission permission={PERMISSIONS.customersRead}>
        <CustomersContent />
      </RequirePermission>
    </div>
  );
}
