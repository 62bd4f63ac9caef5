// BIL-3: one invoice or statement: who issued it to whom, its month, when it was issued and is due,
// its subtotal, tax at the recipient's rate and total; and its lines, each reconciling to its customer,
// subscription, product and SKU, a page at a time.
import { Button, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Invoice, InvoiceLine } from '@contracts/billing';
import { useInvoice, useInvoiceLines } from '../../api/billing';
import { useChannelLabels } from '../../channelLabels';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { useInvoiceLabels } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  back: { alignSelf: 'flex-start' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: '12px 24px',
    margin: 0,
    padding: '16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fact: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0 },
  total: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  tableWrap: { overflowX: 'auto' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
  section: { marginTop: '12px' },
});

function Fact({ label, testId, strong, children }: { label: string; testId: string; strong?: boolean; children: string }) {
  const styles = useStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.term}>{label}</dt>
      <dd className={strong ? styles.total : styles.value} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useInvoiceLabels();
  const money = (amount: string) => format.amount(amount, invoice.currency);
  return (
    <dl className={styles.facts} data-testid="invoice-header" data-kind={invoice.kind}>
      <Fact label={t('billing.columns.number')} testId="invoice-number">
        {String(invoice.number)}
      </Fact>
      <Fact label={t('billing.columns.kind')} testId="invoice-kind">
        {labels.kind(invoice.kind)}
      </Fact>
      <Fact label={t('billing.columns.issuer')} testId="invoice-issuer">
        {invoice.issuer.name}
      </Fact>
      <Fact label={t('billing.columns.recipient')} testId="invoice-recipient">
        {invoice.recipient.name}
      </Fact>
      <Fact label={t('billing.columns.period')} testId="invoice-period">
        {format.month(invoice.periodStart.slice(0, 7))}
      </Fact>
      <Fact label={t('billing.detail.issuedAt')} testId="invoice-issued">
        {format.date(invoice.issuedAt)}
      </Fact>
      <Fact label={t('billing.columns.dueDate')} testId="invoice-due">
        {format.date(invoice.dueAt)}
      </Fact>
      <Fact label={t('billing.detail.subtotal')} testId="invoice-subtotal">
        {money(invoice.subtotal)}
      </Fact>
      <Fact label={t('billing.detail.tax', { rate: invoice.taxRate })} testId="invoice-tax">
        {money(invoice.tax)}
      </Fact>
      <Fact label={t('billing.columns.total')} testId="invoice-total" strong>
        {money(invoice.total)}
      </Fact>
    </dl>
  );
}

function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channelLabels = useChannelLabels();
  const lines = useInvoiceLines(invoice.id);

  if (lines.error) return <ErrorBar error={lines.error} testId="invoice-lines-error" />;
  if (lines.isPending) return <Loading />;
  const rows = lines.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="invoice-lines-empty">
        {t('billing.lines.empty')}
      </div>
    );
  }
  const money = (line: InvoiceLine, amount: string) => format.amount(amount, line.currency);

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<InvoiceLine>
          size="small"
          aria-label={t('billing.lines.title')}
          testId="invoice-lines"
          rows={rows}
          rowId={(line) => String(line.lineNumber)}
          rowProps={(line) => ({ 'data-testid': `invoice-line-${line.lineNumber}`, 'data-subscription': line.subscriptionId })}
          columns={[
            { id: 'lineNumber', header: t('billing.lines.lineNumber'), cellTestId: 'line-number', cell: (line) => String(line.lineNumber) },
            { id: 'customer', header: t('billing.lines.customer'), cellTestId: 'line-customer', cell: (line) => line.customerName },
            {
              id: 'product',
              header: t('billing.lines.product'),
              cellTestId: 'line-product',
              cell: (line) => (
                <>
                  {line.productName}
                  <span className={styles.secondary}>{line.skuId}</span>
                </>
              ),
            },
            { id: 'chargeType', header: t('billing.lines.chargeType'), cellTestId: 'line-charge-type', cell: (line) => channelLabels.chargeType(line.chargeType) },
            {
              id: 'period',
              header: t('billing.lines.chargePeriod'),
              cellTestId: 'line-period',
              cell: (line) => t('billing.lines.period', { start: format.date(line.chargeStartDate), end: format.date(line.chargeEndDate) }),
            },
            { id: 'quantity', header: t('billing.lines.quantity'), cellTestId: 'line-quantity', cell: (line) => format.number(line.quantity) },
            { id: 'unitPrice', header: t('billing.lines.unitPrice'), cellClassName: styles.amount, cellTestId: 'line-unit-price', cell: (line) => money(line, line.unitPrice) },
            { id: 'amount', header: t('billing.lines.amount'), cellClassName: styles.amount, cellTestId: 'line-amount', cell: (line) => money(line, line.subtotal) },
            { id: 'tax', header: t('billing.lines.tax'), cellClassName: styles.amount, cellTestId: 'line-tax', cell: (line) => money(line, line.taxTotal) },
            { id: 'total', header: t('billing.columns.total'), cellClassName: styles.amount, cellTestId: 'line-total', cell: (line) => money(line, line.total) },
          ]}
        />
      </div>
      {lines.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void lines.fetchNextPage()} disabled={lines.isFetchingNextPage} data-testid="invoice-lines-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function InvoiceContent({ id }: { id: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const invoice = useInvoice(id);
  if (invoice.error) return <ErrorBar error={invoice.error} testId="invoice-error" />;
  if (invoice.isPending) return <Loading />;
  return (
    <div className={styles.root}>
      <InvoiceFacts invoice={invoice.data} />
      <Subtitle2 as="h2" className={styles.section}>
        {t('billing.lines.title')}
      </Subtitle2>
      <InvoiceLines invoice={invoice.data} />
    </div>
  );
}

export default function InvoiceDetail() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  return (
    <div data-testid="invoice-page" className={styles.root}>
      <Button className={styles.back} appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => navigate('/invoices')} data-testid="invoice-back">
        {t('billing.detail.back')}
      </Button>
      <PageHeader title={t('billing.detail.title')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <InvoiceContent id={id} />
      </RequirePermission>
    </div>
  );
}
