// BIL-3: one invoice or statement: who issued it to whom, its month, when it was issued and is due,
// its subtotal, tax at the recipient's rate and total; and its lines, each reconciling to its customer,
// subscription, product and SKU, a page at a time; and the document as PDF, in the portal's language.
// BIL-4: where it stands (paid, credited, balance, status) and the payments recorded against it; its
// issuer, with billing.manage, records payments and corrects it with credit notes (BIL-2). A credit note
// names the document it corrects, why, and which line each of its lines credits. BIL-1: each party's
// billing profile as it was when the document was issued (legal name, address, tax ID), where it had one.
import { useState, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, DocumentPdfRegular, MoneyRegular, ReceiptAddRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Invoice, InvoiceLine } from '@contracts/billing';
import type { Payment } from '@contracts/billing/credit';
import { invoicePdfUrl, useInvoice, useInvoiceLines, useInvoicePayments } from '../../api/billing';
import { useChannelLabels } from '../../channelLabels';
import { AddressView } from '../../components/AddressFields';
import { AppLink } from '../../components/AppLink';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { isPositiveAmount } from '../../money';
import { PERMISSIONS, hasPermission } from '../../permissions';
import { useMe } from '../../session';
import { CreditNoteDialog, RecordPaymentDialog } from './InvoiceDialogs';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { useInvoiceLabels } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  back: { alignSelf: 'flex-start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
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
  profile: { display: 'flex', flexDirection: 'column', marginTop: '4px', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  total: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the lines scroll sideways in their frame instead of squeezing their columns.
  table: { minWidth: '960px' },
  paymentsTable: { minWidth: '560px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
  section: { marginTop: '12px' },
});

function Fact({ label, testId, strong, children }: { label: string; testId: string; strong?: boolean; children: ReactNode }) {
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

/**
 * BIL-1: a party of the document by its name and, where it had set one when the document was issued,
 * its billing profile: legal name, billing address and tax ID.
 */
function PartyFact({ label, party, testId }: { label: string; party: Invoice['issuer']; testId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const profile = party.billingProfile;
  return (
    <div className={styles.fact}>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.value}>
        <span data-testid={testId}>{party.name}</span>
        {profile ? (
          <span className={styles.profile} data-testid={`${testId}-profile`}>
            {profile.legalName !== party.name ? <span data-testid={`${testId}-legal-name`}>{profile.legalName}</span> : null}
            <AddressView address={profile.address} data-testid={`${testId}-address`} />
            {profile.taxId ? <span data-testid={`${testId}-tax-id`}>{t('billing.detail.taxId', { taxId: profile.taxId })}</span> : null}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

/** A credit note's link to the document it corrects, named by its kind and number once read. */
function CorrectedDocument({ id }: { id: string }) {
  const { t } = useTranslation();
  const labels = useInvoiceLabels();
  const corrected = useInvoice(id);
  return (
    <AppLink to={`/invoices/${encodeURIComponent(id)}`} data-testid="invoice-corrects-link">
      {corrected.data ? t('billing.detail.document', { kind: labels.kind(corrected.data.kind), number: corrected.data.number }) : t('billing.detail.openCorrected')}
    </AppLink>
  );
}

function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useInvoiceLabels();
  const money = (amount: string) => format.amount(amount, invoice.currency);
  const creditNote = invoice.kind === 'creditNote';
  return (
    <dl className={styles.facts} data-testid="invoice-header" data-kind={invoice.kind} data-status={invoice.status}>
      <Fact label={t('billing.columns.number')} testId="invoice-number">
        {String(invoice.number)}
      </Fact>
      <Fact label={t('billing.columns.kind')} testId="invoice-kind">
        {labels.kind(invoice.kind)}
      </Fact>
      <Fact label={t('billing.columns.status')} testId="invoice-status">
        <InvoiceStatusBadge status={invoice.status} />
      </Fact>
      {creditNote && invoice.correctsInvoiceId ? (
        <Fact label={t('billing.detail.corrects')} testId="invoice-corrects">
          <CorrectedDocument id={invoice.correctsInvoiceId} />
        </Fact>
      ) : null}
      {creditNote && invoice.reason ? (
        <Fact label={t('billing.detail.reason')} testId="invoice-reason">
          {invoice.reason}
        </Fact>
      ) : null}
      <PartyFact label={t('billing.columns.issuer')} party={invoice.issuer} testId="invoice-issuer" />
      <PartyFact label={t('billing.columns.recipient')} party={invoice.recipient} testId="invoice-recipient" />
      <Fact label={t('billing.columns.period')} testId="invoice-period">
        {format.month(invoice.periodStart.slice(0, 7))}
      </Fact>
      <Fact label={t('billing.detail.issuedAt')} testId="invoice-issued">
        {format.date(invoice.issuedAt)}
      </Fact>
      {creditNote ? null : (
        <Fact label={t('billing.columns.dueDate')} testId="invoice-due">
          {format.date(invoice.dueAt)}
        </Fact>
      )}
      <Fact label={t('billing.detail.subtotal')} testId="invoice-subtotal">
        {money(invoice.subtotal)}
      </Fact>
      <Fact label={t('billing.detail.tax', { rate: invoice.taxRate })} testId="invoice-tax">
        {money(invoice.tax)}
      </Fact>
      <Fact label={t('billing.columns.total')} testId="invoice-total" strong>
        {money(invoice.total)}
      </Fact>
      {creditNote ? null : (
        <>
          <Fact label={t('billing.detail.amountPaid')} testId="invoice-amount-paid">
            {money(invoice.amountPaid)}
          </Fact>
          <Fact label={t('billing.detail.amountCredited')} testId="invoice-amount-credited">
            {money(invoice.amountCredited)}
          </Fact>
          <Fact label={t('billing.columns.balance')} testId="invoice-balance" strong>
            {money(invoice.balance)}
          </Fact>
        </>
      )}
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
  // A credit note's lines each name the line of the corrected document they credit.
  const corrects: DataColumn<InvoiceLine>[] =
    invoice.kind === 'creditNote'
      ? [{ id: 'corrects', header: t('billing.lines.corrects'), cellTestId: 'line-corrects', cell: (line) => (line.correctsLineNumber === null ? t('common.emptyValue') : String(line.correctsLineNumber)) }]
      : [];

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<InvoiceLine>
          size="small"
          className={styles.table}
          aria-label={t('billing.lines.title')}
          testId="invoice-lines"
          rows={rows}
          rowId={(line) => String(line.lineNumber)}
          rowProps={(line) => ({ 'data-testid': `invoice-line-${line.lineNumber}`, 'data-subscription': line.subscriptionId })}
          columns={[
            { id: 'lineNumber', header: t('billing.lines.lineNumber'), cellTestId: 'line-number', cell: (line) => String(line.lineNumber) },
            ...corrects,
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

/** BIL-4: the payments recorded against the document, oldest first. */
function InvoicePayments({ invoice }: { invoice: Invoice }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const payments = useInvoicePayments(invoice.id);
  if (payments.error) return <ErrorBar error={payments.error} testId="invoice-payments-error" />;
  if (payments.isPending) return <Loading />;
  if (payments.data.items.length === 0) {
    return (
      <div className={styles.empty} data-testid="invoice-payments-empty">
        {t('billing.payments.empty')}
      </div>
    );
  }
  return (
    <div className={styles.tableWrap}>
      <DataTable<Payment>
        size="small"
        className={styles.paymentsTable}
        aria-label={t('billing.payments.title')}
        testId="invoice-payments"
        rows={payments.data.items}
        rowId={(payment) => payment.id}
        rowProps={(payment) => ({ 'data-testid': `payment-row-${payment.id}` })}
        columns={[
          { id: 'paidOn', header: t('billing.payments.paidOn'), cellTestId: 'payment-paid-on', cell: (payment) => format.day(payment.paidOn) },
          { id: 'amount', header: t('billing.payments.amountColumn'), cellClassName: styles.amount, cellTestId: 'payment-amount', cell: (payment) => format.amount(payment.amount, payment.currency) },
          { id: 'reference', header: t('billing.payments.reference'), cellTestId: 'payment-reference', cell: (payment) => payment.reference },
          { id: 'recordedAt', header: t('billing.payments.recordedAt'), cellTestId: 'payment-recorded-at', cell: (payment) => format.dateTime(payment.recordedAt) },
        ]}
      />
    </div>
  );
}

type Done = { kind: 'payment' } | { kind: 'creditNote'; note: Invoice };

function InvoiceContent({ id }: { id: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const invoice = useInvoice(id);
  const [dialog, setDialog] = useState<'payment' | 'creditNote' | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  if (invoice.error) return <ErrorBar error={invoice.error} testId="invoice-error" />;
  if (invoice.isPending) return <Loading />;
  const doc = invoice.data;
  const creditNote = doc.kind === 'creditNote';
  // BIL-2, BIL-4: only the issuer records payments and issues credit notes, with billing.manage.
  const canManage = !creditNote && me?.tenant.id === doc.issuer.tenantId && hasPermission(me?.permissions, PERMISSIONS.billingManage);
  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button as="a" href={invoicePdfUrl(doc.id, format.language)} download icon={<DocumentPdfRegular />} data-testid="invoice-pdf">
          {t('billing.detail.pdf')}
        </Button>
        {canManage && isPositiveAmount(doc.balance) ? (
          <Button
            icon={<MoneyRegular />}
            onClick={() => {
              setDone(null);
              setDialog('payment');
            }}
            data-testid="record-payment"
          >
            {t('billing.payments.record')}
          </Button>
        ) : null}
        {canManage ? (
          <Button
            icon={<ReceiptAddRegular />}
            onClick={() => {
              setDone(null);
              setDialog('creditNote');
            }}
            data-testid="issue-credit-note"
          >
            {t('billing.creditNote.issue')}
          </Button>
        ) : null}
      </div>
      {done ? (
        <MessageBar intent="success" politeness="polite" data-testid={done.kind === 'payment' ? 'payment-recorded' : 'credit-note-issued'}>
          <MessageBarBody>
            {done.kind === 'payment' ? (
              t('billing.payments.recorded')
            ) : (
              <>
                {t('billing.creditNote.issued', { number: done.note.number })}{' '}
                <AppLink to={`/invoices/${encodeURIComponent(done.note.id)}`} data-testid="credit-note-open">
                  {t('billing.creditNote.open')}
                </AppLink>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <InvoiceFacts invoice={doc} />
      <Subtitle2 as="h2" className={styles.section}>
        {t('billing.lines.title')}
      </Subtitle2>
      <InvoiceLines invoice={doc} />
      {creditNote ? null : (
        <>
          <Subtitle2 as="h2" className={styles.section}>
            {t('billing.payments.title')}
          </Subtitle2>
          <InvoicePayments invoice={doc} />
        </>
      )}
      {dialog === 'payment' ? (
        <RecordPaymentDialog
          invoice={doc}
          onClose={() => setDialog(null)}
          onRecorded={() => {
            setDialog(null);
            setDone({ kind: 'payment' });
          }}
        />
      ) : null}
      {dialog === 'creditNote' ? (
        <CreditNoteDialog
          invoice={doc}
          onClose={() => setDialog(null)}
          onIssued={(note) => {
            setDialog(null);
            setDone({ kind: 'creditNote', note });
          }}
        />
      ) : null}
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
        <InvoiceContent key={id} id={id} />
      </RequirePermission>
    </div>
  );
}
