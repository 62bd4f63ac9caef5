// BIL-4: credit between the tiers. Given: the terms the tenant gives its buyers (a provider its
// resellers, the operator its providers), each with where the buyer stands now — its exposure (open
// balances and the open period's charges), the credit left under the limit and its overdue documents —
// and, for a billing admin, the terms set or changed in a dialog. Received: the terms its sellers give it
// (a reseller's provider, a provider's operator), with the same figures.
import { useState } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, EditRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CreditTerms } from '@contracts/billing/credit';
import { useActiveProviders, useCreditTerms, type CreditDirection } from '../../api/billing';
import { useRelationships } from '../../api/channel';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS, hasPermission, isOperatorTenant, isProviderTenant, isResellerTenant } from '../../permissions';
import { useMe } from '../../session';
import { CreditTermsDialog, type CreditBuyer } from './CreditTermsDialog';
import { DirectionTabs, useDirection, type DirectionTab } from './DirectionTabs';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the table scrolls sideways in its frame instead of squeezing its columns.
  table: { minWidth: '900px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  number: { fontVariantNumeric: 'tabular-nums' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

/** Who may give and receive credit: the operator gives its providers, a provider its resellers. */
function useCreditSides() {
  const { data: me } = useMe();
  const memberships = me?.memberships;
  const operator = isOperatorTenant(memberships);
  const provider = isProviderTenant(memberships);
  return {
    operator,
    gives: operator || provider,
    receives: provider || isResellerTenant(memberships),
    canManage: hasPermission(me?.permissions, PERMISSIONS.billingManage),
    country: me?.tenant.country ?? '',
  };
}

/** The buyers the caller may give terms to: the operator's active providers, or a provider's active resellers. */
function useCreditBuyers(operator: boolean, enabled: boolean): { buyers: CreditBuyer[]; error: unknown } {
  const providers = useActiveProviders(enabled && operator);
  const resellers = useRelationships('IsIndirectCloudSolutionProviderOf', enabled && !operator);
  if (operator) {
    return { buyers: (providers.data?.items ?? []).map((item) => ({ tenantId: item.tenantId, name: item.organizationName })), error: providers.error };
  }
  const active = (resellers.data?.items ?? []).filter((relationship) => relationship.state === 'active');
  return { buyers: active.map((relationship) => ({ tenantId: relationship.resellerTenantId, name: relationship.name, country: relationship.country })), error: resellers.error };
}

function TermsTable({ direction, onEdit }: { direction: CreditDirection; onEdit?: (terms: CreditTerms) => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const terms = useCreditTerms(direction);

  if (terms.error) return <ErrorBar error={terms.error} testId="credit-terms-list-error" />;
  if (terms.isPending) return <Loading />;
  const rows = terms.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="credit-terms-empty">
        {direction === 'issued' ? t('billing.credit.emptyGiven') : t('billing.credit.emptyReceived')}
      </div>
    );
  }
  const party = (item: CreditTerms) => (direction === 'issued' ? item.buyer : item.seller);
  const money = (amount: string | null, currency: string) => (amount === null ? t('billing.credit.noLimit') : format.amount(amount, currency));
  const columns: DataColumn<CreditTerms>[] = [
    { id: 'party', header: direction === 'issued' ? t('billing.credit.buyer') : t('billing.credit.seller'), cellTestId: 'credit-party', cell: (item) => party(item).name },
    { id: 'currency', header: t('billing.credit.currency'), cellTestId: 'credit-currency', cell: (item) => item.currency },
    { id: 'limit', header: t('billing.credit.limit'), cellClassName: styles.amount, cellTestId: 'credit-limit', cell: (item) => money(item.creditLimit, item.currency) },
    { id: 'exposure', header: t('billing.credit.exposure'), cellClassName: styles.amount, cellTestId: 'credit-exposure', cell: (item) => format.amount(item.exposure, item.currency) },
    {
      id: 'available',
      header: t('billing.credit.available'),
      cellClassName: styles.amount,
      cellTestId: 'credit-available',
      cell: (item) => money(item.availableCredit, item.currency),
    },
    { id: 'paymentTerms', header: t('billing.credit.paymentTerms'), cellClassName: styles.number, cellTestId: 'credit-payment-days', cell: (item) => format.number(item.paymentTermDays) },
    { id: 'grace', header: t('billing.credit.grace'), cellClassName: styles.number, cellTestId: 'credit-grace-days', cell: (item) => format.number(item.graceDays) },
    {
      id: 'overdue',
      header: t('billing.credit.overdue'),
      cellTestId: 'credit-overdue',
      cell: (item) =>
        item.overdueCount > 0 ? (
          <Badge appearance="filled" color="danger" aria-label={t('billing.credit.overdueLabel', { count: format.number(item.overdueCount) })}>
            {format.number(item.overdueCount)}
          </Badge>
        ) : (
          format.number(0)
        ),
    },
  ];
  if (onEdit) {
    columns.push({
      id: 'edit',
      header: '',
      headerLabel: t('billing.credit.edit'),
      cell: (item) => (
        <Button
          size="small"
          icon={<EditRegular />}
          onClick={() => onEdit(item)}
          aria-label={t('billing.credit.editLabel', { buyer: item.buyer.name })}
          data-testid={`credit-edit-${item.buyer.tenantId}`}
        >
          {t('billing.credit.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<CreditTerms>
          className={styles.table}
          aria-label={direction === 'issued' ? t('billing.credit.given') : t('billing.credit.received')}
          testId="credit-terms-table"
          rows={rows}
          rowId={(item) => `${item.seller.tenantId}:${item.buyer.tenantId}`}
          rowProps={(item) => ({ 'data-testid': `credit-row-${party(item).tenantId}`, 'data-overdue': item.overdueCount })}
          columns={columns}
        />
      </div>
      {terms.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void terms.fetchNextPage()} disabled={terms.isFetchingNextPage} data-testid="credit-terms-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Given: the buyers' terms, set and changed by a billing admin. */
function GivenTerms() {
  const styles = useStyles();
  const { t } = useTranslation();
  const sides = useCreditSides();
  const given = useCreditTerms('issued');
  // undefined: no dialog; null: new terms; else the terms edited.
  const [editing, setEditing] = useState<CreditTerms | null | undefined>(undefined);
  const [saved, setSaved] = useState<CreditTerms | null>(null);
  const { buyers, error } = useCreditBuyers(sides.operator, sides.canManage);
  const open = (terms: CreditTerms | null) => {
    setSaved(null);
    setEditing(terms);
  };
  return (
    <>
      {sides.canManage ? (
        <div className={styles.toolbar}>
          <Button appearance="primary" icon={<AddRegular />} onClick={() => open(null)} data-testid="credit-terms-set">
            {t('billing.credit.set')}
          </Button>
        </div>
      ) : null}
      <ErrorBar error={error} testId="credit-buyers-error" />
      {saved ? (
        <MessageBar intent="success" politeness="polite" data-testid="credit-terms-saved">
          <MessageBarBody>{t('billing.credit.saved', { buyer: saved.buyer.name })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <TermsTable direction="issued" onEdit={sides.canManage ? (terms) => open(terms) : undefined} />
      {editing !== undefined ? (
        <CreditTermsDialog
          buyers={buyers}
          given={given.data?.pages.flatMap((page) => page.items) ?? []}
          editing={editing ?? undefined}
          defaultCountry={sides.country}
          onClose={() => setEditing(undefined)}
          onSaved={(terms) => {
            setEditing(undefined);
            setSaved(terms);
          }}
        />
      ) : null}
    </>
  );
}

function CreditContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const sides = useCreditSides();
  const tabs: DirectionTab<CreditDirection>[] = [
    ...(sides.gives ? [{ value: 'issued' as const, label: t('billing.credit.given') }] : []),
    ...(sides.receives ? [{ value: 'received' as const, label: t('billing.credit.received') }] : []),
  ];
  const [direction, setDirection] = useDirection<CreditDirection>(tabs.length > 0 ? tabs : [{ value: 'received', label: t('billing.credit.received') }]);
  return (
    <div className={styles.root}>
      <DirectionTabs tabs={tabs} value={direction} onChange={setDirection} testId="credit" />
      <div className={styles.root} data-testid={`credit-${direction}`}>
        {direction === 'issued' ? <GivenTerms /> : <TermsTable direction="received" />}
      </div>
    </div>
  );
}

export default function Credit() {
  const { t } = useTranslation();
  return (
    <div data-testid="credit-page">
      <PageHeader title={t('billing.credit.title')} description={t('billing.credit.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <CreditContent />
      </RequirePermission>
    </div>
  );
}
