// BIL-4: the balances left on documents, by how long they are past due: what each buyer owes the tenant
// (issued) or what it owes each seller (received), per counterparty and currency, with the totals of
// each currency beneath; each counterparty opens the documents of that direction.
import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { AgingRow } from '@contracts/billing/credit';
import { useAging, type CreditDirection } from '../../api/billing';
import { AppLink } from '../../components/AppLink';
import { DataTable, type DataFooterRow } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { AGING_BUCKETS as BUCKETS, agingTotals, type AgingBucket as Bucket } from '../../billingTotals';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { DirectionTabs, useDirection, type DirectionTab } from './DirectionTabs';
import { invoiceListPath } from './TotalsChart';


const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the table scrolls sideways in its frame instead of squeezing its columns.
  table: { minWidth: '920px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  number: { fontVariantNumeric: 'tabular-nums' },
  totals: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  note: { color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

function AgingTable({ direction }: { direction: CreditDirection }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const aging = useAging(direction);

  if (aging.error) return <ErrorBar error={aging.error} testId="aging-error" />;
  if (aging.isPending) return <Loading />;
  const rows = aging.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="aging-empty">
        {direction === 'issued' ? t('billing.aging.emptyIssued') : t('billing.aging.emptyReceived')}
      </div>
    );
  }

  const headers: Record<Bucket, string> = {
    current: t('billing.aging.current'),
    days1to30: t('billing.aging.days1to30'),
    days31to60: t('billing.aging.days31to60'),
    days61to90: t('billing.aging.days61to90'),
    over90: t('billing.aging.over90'),
    total: t('billing.columns.total'),
  };
  const footerRows: DataFooterRow[] = agingTotals(rows).map((totals) => ({
    id: totals.currency,
    props: { className: styles.totals, 'data-testid': `aging-total-${totals.currency}` },
    cells: {
      party: t('billing.aging.totalOf', { currency: totals.currency }),
      currency: totals.currency,
      ...Object.fromEntries(BUCKETS.map((bucket) => [bucket, format.amount(totals.sums[bucket], totals.currency)])),
      openDocuments: format.number(totals.openDocuments),
    },
  }));

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<AgingRow>
          className={styles.table}
          aria-label={direction === 'issued' ? t('billing.aging.issuedLabel') : t('billing.aging.receivedLabel')}
          testId="aging-table"
          rows={rows}
          footerRows={footerRows}
          rowId={(row) => `${row.tenantId}:${row.currency}`}
          rowProps={(row) => ({ 'data-testid': `aging-row-${row.tenantId}-${row.currency}` })}
          columns={[
            {
              id: 'party',
              header: direction === 'issued' ? t('billing.aging.buyer') : t('billing.aging.seller'),
              cellTestId: 'aging-party',
              cell: (row) => (
                <AppLink to={invoiceListPath(direction)} data-testid={`aging-open-${row.tenantId}`}>
                  {row.name}
                </AppLink>
              ),
            },
            { id: 'currency', header: t('billing.credit.currency'), cellTestId: 'aging-currency', cell: (row) => row.currency },
            ...BUCKETS.map((bucket) => ({
              id: bucket,
              header: headers[bucket],
              cellClassName: styles.amount,
              cellTestId: `aging-${bucket}`,
              cell: (row: AgingRow) => format.amount(row[bucket], row.currency),
            })),
            { id: 'openDocuments', header: t('billing.aging.openDocuments'), cellClassName: styles.number, cellTestId: 'aging-open-documents', cell: (row) => format.number(row.openDocuments) },
          ]}
        />
      </div>
      {aging.hasNextPage ? (
        <>
          <Body1 className={styles.note} data-testid="aging-partial">
            {t('billing.aging.partialTotals')}
          </Body1>
          <div className={styles.more}>
            <Button onClick={() => void aging.fetchNextPage()} disabled={aging.isFetchingNextPage} data-testid="aging-more">
              {t('common.loadMore')}
            </Button>
          </div>
        </>
      ) : null}
    </>
  );
}

function AgingContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const tabs: DirectionTab<CreditDirection>[] = [
    { value: 'issued', label: t('billing.aging.issued') },
    { value: 'received', label: t('billing.aging.received') },
  ];
  const [direction, setDirection] = useDirection(tabs);
  return (
    <div className={styles.root}>
      <DirectionTabs tabs={tabs} value={direction} onChange={setDirection} testId="aging" />
      <div data-testid={`aging-${direction}`}>
        <AgingTable key={direction} direction={direction} />
      </div>
    </div>
  );
}

export default function Aging() {
  const { t } = useTranslation();
  return (
    <div data-testid="aging-page">
      <PageHeader title={t('billing.aging.title')} description={t('billing.aging.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <AgingContent />
      </RequirePermission>
    </div>
  );
}
