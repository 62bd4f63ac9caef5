// BIL-3: the open period's charges, accruing before the month closes: those the tenant will be invoiced
// for (received) and those it will invoice (issued), each at the amount of the tier it will be invoiced
// at (BIL-1), before tax, a page at a time.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { UnbilledCharge } from '@contracts/billing';
import { useUnbilledCharges, type InvoiceDirection } from '../../api/billing';
import { useChannelLabels } from '../../channelLabels';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { DirectionTabs, useDirection, type DirectionTab } from './DirectionTabs';
import { useInvoiceLabels } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the lines scroll sideways in their frame instead of squeezing their columns.
  table: { minWidth: '960px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

function ChargeList({ direction }: { direction: InvoiceDirection }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channelLabels = useChannelLabels();
  const labels = useInvoiceLabels();
  const charges = useUnbilledCharges(direction);

  if (charges.error) return <ErrorBar error={charges.error} testId="unbilled-error" />;
  if (charges.isPending) return <Loading />;
  const rows = charges.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="unbilled-empty">
        {t('billing.unbilled.empty')}
      </div>
    );
  }
  const money = (charge: UnbilledCharge, amount: string) => format.amount(amount, charge.currency);

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<UnbilledCharge>
          size="small"
          className={styles.table}
          aria-label={direction === 'received' ? t('billing.unbilled.receivedLabel') : t('billing.unbilled.issuedLabel')}
          testId="unbilled-table"
          rows={rows}
          // One charge line shows once per tier it is invoiced at.
          rowId={(charge) => `${charge.chargeLineId}:${charge.tier}`}
          rowProps={(charge) => ({ 'data-testid': `unbilled-row-${charge.chargeLineId}`, 'data-tier': charge.tier })}
          columns={[
            { id: 'customer', header: t('billing.lines.customer'), cellTestId: 'unbilled-customer', cell: (charge) => charge.customerName },
            {
              id: 'product',
              header: t('billing.lines.product'),
              cellTestId: 'unbilled-product',
              cell: (charge) => (
                <>
                  {charge.productName}
                  <span className={styles.secondary}>{charge.skuId}</span>
                </>
              ),
            },
            { id: 'chargeType', header: t('billing.lines.chargeType'), cellTestId: 'unbilled-charge-type', cell: (charge) => channelLabels.chargeType(charge.chargeType) },
            {
              id: 'period',
              header: t('billing.lines.chargePeriod'),
              cellTestId: 'unbilled-period',
              cell: (charge) => t('billing.lines.period', { start: format.date(charge.chargeStartDate), end: format.date(charge.chargeEndDate) }),
            },
            { id: 'quantity', header: t('billing.lines.quantity'), cellTestId: 'unbilled-quantity', cell: (charge) => format.number(charge.quantity) },
            { id: 'unitPrice', header: t('billing.lines.unitPrice'), cellClassName: styles.amount, cellTestId: 'unbilled-unit-price', cell: (charge) => money(charge, charge.unitPrice) },
            { id: 'subtotal', header: t('billing.detail.subtotal'), cellClassName: styles.amount, cellTestId: 'unbilled-subtotal', cell: (charge) => money(charge, charge.subtotal) },
            { id: 'tier', header: t('billing.unbilled.tier'), cellTestId: 'unbilled-tier', cell: (charge) => labels.tier(charge.tier) },
          ]}
        />
      </div>
      {charges.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void charges.fetchNextPage()} disabled={charges.isFetchingNextPage} data-testid="unbilled-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function UnbilledContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const tabs: DirectionTab<InvoiceDirection>[] = [
    { value: 'received', label: t('billing.unbilled.received') },
    { value: 'issued', label: t('billing.unbilled.issued') },
  ];
  const [direction, setDirection] = useDirection(tabs);
  return (
    <div className={styles.root}>
      <DirectionTabs tabs={tabs} value={direction} onChange={setDirection} testId="unbilled" />
      <div data-testid={`unbilled-${direction}`}>
        <ChargeList key={direction} direction={direction} />
      </div>
    </div>
  );
}

export default function UnbilledCharges() {
  const { t } = useTranslation();
  return (
    <div data-testid="unbilled-page">
      <PageHeader title={t('billing.unbilled.title')} description={t('billing.unbilled.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <UnbilledContent />
      </RequirePermission>
    </div>
  );
}
