// BIL: the invoices and statements the tenant received (from its provider or the operator) or issued
// (to its resellers or customers) when a month closed, and the credit notes correcting them (BIL-2), a
// page at a time, each with where it stands (BIL-4: open, overdue, paid); each opens its lines.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '@contracts/billing';
import { useInvoices, type InvoiceDirection } from '../../api/billing';
import { AppLink } from '../../components/AppLink';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { DirectionTabs, useDirection } from './DirectionTabs';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { useInvoiceLabels } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the table scrolls sideways in its frame instead of squeezing its columns.
  table: { minWidth: '860px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

function InvoiceList({ direction }: { direction: InvoiceDirection }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useInvoiceLabels();
  const invoices = useInvoices(direction);

  if (invoices.error) return <ErrorBar error={invoices.error} testId="invoices-error" />;
  if (invoices.isPending) return <Loading />;
  const rows = invoices.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="invoices-empty">
        {t('billing.list.empty')}
      </div>
    );
  }

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<Invoice>
          className={styles.table}
          aria-label={direction === 'received' ? t('billing.list.received') : t('billing.list.issued')}
          testId="invoices-table"
          rows={rows}
          rowId={(invoice) => invoice.id}
          rowProps={(invoice) => ({ 'data-testid': `invoice-row-${invoice.id}`, 'data-kind': invoice.kind, 'data-tier': invoice.tier, 'data-status': invoice.status })}
          columns={[
            {
              id: 'number',
              header: t('billing.columns.number'),
              cellTestId: 'invoice-number',
              cell: (invoice) => (
                <AppLink to={`/invoices/${encodeURIComponent(invoice.id)}`} data-testid={`invoice-open-${invoice.id}`}>
                  {String(invoice.number)}
                </AppLink>
              ),
            },
            { id: 'kind', header: t('billing.columns.kind'), cellTestId: 'invoice-kind', cell: (invoice) => labels.kind(invoice.kind) },
            {
              id: 'party',
              header: direction === 'received' ? t('billing.columns.issuer') : t('billing.columns.recipient'),
              cellTestId: 'invoice-party',
              cell: (invoice) => (direction === 'received' ? invoice.issuer.name : invoice.recipient.name),
            },
            { id: 'period', header: t('billing.columns.period'), cellTestId: 'invoice-period', cell: (invoice) => format.month(invoice.periodStart.slice(0, 7)) },
            {
              id: 'total',
              header: t('billing.columns.total'),
              cellClassName: styles.amount,
              cellTestId: 'invoice-total',
              cell: (invoice) => format.amount(invoice.total, invoice.currency),
            },
            { id: 'due', header: t('billing.columns.dueDate'), cellTestId: 'invoice-due', cell: (invoice) => format.date(invoice.dueAt) },
            {
              id: 'balance',
              header: t('billing.columns.balance'),
              cellClassName: styles.amount,
              cellTestId: 'invoice-balance',
              // A credit note has no balance of its own: it lowers the one of the document it corrects.
              cell: (invoice) => (invoice.kind === 'creditNote' ? t('common.emptyValue') : format.amount(invoice.balance, invoice.currency)),
            },
            { id: 'status', header: t('billing.columns.status'), cellTestId: 'invoice-status', cell: (invoice) => <InvoiceStatusBadge status={invoice.status} /> },
          ]}
        />
      </div>
      {invoices.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void invoices.fetchNextPage()} disabled={invoices.isFetchingNextPage} data-testid="invoices-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function InvoicesContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const tabs = [
    { value: 'received' as const, label: t('billing.list.received') },
    { value: 'issued' as const, label: t('billing.list.issued') },
  ];
  const [direction, setDirection] = useDirection<InvoiceDirection>(tabs);
  return (
    <div className={styles.root}>
      <DirectionTabs tabs={tabs} value={direction} onChange={setDirection} testId="invoices" />
      <div data-testid={`invoices-${direction}`}>
        <InvoiceList key={direction} direction={direction} />
      </div>
    </div>
  );
}

export default function Invoices() {
  const { t } = useTranslation();
  return (
    <div data-testid="invoices-page">
      <PageHeader title={t('billing.list.title')} description={t('billing.list.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <InvoicesContent />
      </RequirePermission>
    </div>
  );
}
