// BIL-1: the billing area's home for whoever reads billing: per currency, the latest month's received and
// issued totals (each opening its list), the months before as a chart and a table, and the billing
// area's other pages (from the navigation's billing category, so that a new page shows here as well).
import { Body1, Caption1, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useBillingTotals } from '../../api/billing';
import type { CurrencyFigures, MonthFigures } from '../../billingTotals';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { navigationFor } from '../../navigation';
import { PERMISSIONS } from '../../permissions';
import { useMe } from '../../session';
import { TotalsChart, invoiceListPath } from './TotalsChart';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '24px' },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  figures: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: '12px' },
  figure: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: '12px 16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    textDecorationLine: 'none',
  },
  figureLabel: { color: tokens.colorNeutralForeground2 },
  figureAmount: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  figureCount: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  empty: { color: tokens.colorNeutralForeground3 },
  pages: { display: 'flex', flexWrap: 'wrap', gap: '8px 24px', margin: 0, padding: 0, listStyleType: 'none' },
});

type Direction = 'received' | 'issued';

function currencyTitle(currency: string, language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'currency', fallback: 'code' }).of(currency);
    if (!name || name === currency) return currency;
    // A heading starts with a capital ("euro" in French).
    return `${name.charAt(0).toLocaleUpperCase(language)}${name.slice(1)} (${currency})`;
  } catch {
    return currency;
  }
}

/** One figure of the latest month: the total of one direction's documents, opening their list. */
function Figure({ figures, direction, month }: { figures: CurrencyFigures; direction: Direction; month: MonthFigures }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const amount = direction === 'received' ? month.received : month.issued;
  const count = direction === 'received' ? month.receivedCount : month.issuedCount;
  return (
    <AppLink to={invoiceListPath(direction)} className={styles.figure} data-testid={`billing-figure-${direction}-${figures.currency}`}>
      <Caption1 className={styles.figureLabel}>
        {direction === 'received' ? t('billing.home.receivedIn', { month: format.month(month.month) }) : t('billing.home.issuedIn', { month: format.month(month.month) })}
      </Caption1>
      <span className={styles.figureAmount} data-testid="figure-amount">
        {format.amount(amount, figures.currency)}
      </span>
      <Caption1 className={styles.figureCount} data-testid="figure-count">
        {t('billing.home.documentCount', { count: format.number(count) })}
      </Caption1>
    </AppLink>
  );
}

/** The months as a table, newest first; each amount opens its list. */
function MonthTable({ figures, caption }: { figures: CurrencyFigures; caption: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const cell = (m: MonthFigures, direction: Direction) => (
    <TableCell className={styles.amount} data-testid={`month-${direction}`}>
      <AppLink to={invoiceListPath(direction)}>{format.amount(direction === 'received' ? m.received : m.issued, figures.currency)}</AppLink>
    </TableCell>
  );
  return (
    <div className={styles.tableWrap}>
      <Table size="small" aria-label={caption} data-testid={`billing-months-${figures.currency}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('billing.columns.period')}</TableHeaderCell>
            <TableHeaderCell>{t('billing.home.received')}</TableHeaderCell>
            <TableHeaderCell>{t('billing.home.issued')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...figures.months].reverse().map((m) => (
            <TableRow key={m.month} data-testid={`billing-month-${m.month}`}>
              <TableCell>{format.month(m.month)}</TableCell>
              {cell(m, 'received')}
              {cell(m, 'issued')}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function CurrencySection({ figures }: { figures: CurrencyFigures }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const latest = figures.months[figures.months.length - 1]!;
  const name = currencyTitle(figures.currency, format.language);
  const titleId = `billing-currency-${figures.currency}-title`;
  return (
    <section className={styles.section} aria-labelledby={titleId} data-testid={`billing-currency-${figures.currency}`}>
      <Subtitle2 as="h2" id={titleId}>
        {name}
      </Subtitle2>
      <div className={styles.figures}>
        <Figure figures={figures} direction="received" month={latest} />
        <Figure figures={figures} direction="issued" month={latest} />
      </div>
      <TotalsChart figures={figures} title={t('billing.home.chartTitle', { currency: name })} />
      <MonthTable figures={figures} caption={t('billing.home.tableTitle', { currency: name })} />
    </section>
  );
}

/** The billing category's other pages, as the navigation lists them for this user. */
function BillingPages() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const pages = navigationFor(me).flatMap((item) => (item.kind === 'group' && item.id === 'billing' ? item.entries : [])).filter((entry) => entry.path !== '/billing');
  if (pages.length === 0) return null;
  return (
    <nav aria-labelledby="billing-pages-title">
      <Subtitle2 as="h2" id="billing-pages-title">
        {t('billing.home.pages')}
      </Subtitle2>
      <ul className={styles.pages}>
        {pages.map((entry) => (
          <li key={entry.value}>
            <AppLink to={entry.path} data-testid={`billing-page-${entry.value}`}>
              {t(entry.label)}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BillingHomeContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const totals = useBillingTotals();
  return (
    <div className={styles.root}>
      {totals.error ? (
        <ErrorBar error={totals.error} testId="billing-totals-error" />
      ) : totals.isPending ? (
        <Loading />
      ) : totals.data.currencies.length === 0 ? (
        <Body1 className={styles.empty} data-testid="billing-totals-empty">
          {t('billing.home.empty')}
        </Body1>
      ) : (
        totals.data.currencies.map((figures) => <CurrencySection key={figures.currency} figures={figures} />)
      )}
      <BillingPages />
    </div>
  );
}

export default function BillingHome() {
  const { t } = useTranslation();
  return (
    <div data-testid="billing-home-page">
      <PageHeader title={t('billing.home.title')} description={t('billing.home.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <BillingHomeContent />
      </RequirePermission>
    </div>
  );
}
