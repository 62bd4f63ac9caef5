// TRM-6: a subscription's charge lines (append-only: purchase, billing period fees, seats added,
// refunds, cancellation, renewal), each with its quantity, charge period, proration and the amounts at
// the price levels the caller's tier sees (PRC-4), credits negative.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useChargeLines } from '../../api/commerce';
import { useChannelLabels } from '../../channelLabels';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import type { ChargeLine, LinePrices, PriceAudience } from '@contracts/commerce';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  tableWrap: { overflowX: 'auto' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  credit: { color: tokens.colorPaletteGreenForeground1 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

interface AmountColumn {
  /** The price level, as the amounts name it (listPrice, providerCost, resellerPrice, customerPrice). */
  level: string;
  header: string;
  value(amounts: LinePrices): string | undefined;
}

/** PRC-4: the amount columns of the caller's tier, the one it is paid last. */
function useAmountColumns(audience: PriceAudience): AmountColumn[] {
  const { t } = useTranslation();
  switch (audience) {
    case 'provider':
      return [
        { level: 'listPrice', header: t('subscriptionTerms.charges.listPrice'), value: (a) => (a.audience === 'provider' ? a.listPrice : undefined) },
        { level: 'providerCost', header: t('subscriptionTerms.charges.yourCost'), value: (a) => (a.audience === 'provider' ? a.providerCost : undefined) },
        { level: 'resellerPrice', header: t('subscriptionTerms.charges.resellerPays'), value: (a) => (a.audience === 'provider' ? a.resellerPrice : undefined) },
      ];
    case 'reseller':
      return [
        { level: 'listPrice', header: t('subscriptionTerms.charges.listPrice'), value: (a) => (a.audience === 'reseller' ? a.listPrice : undefined) },
        { level: 'resellerPrice', header: t('subscriptionTerms.charges.yourCost'), value: (a) => (a.audience === 'reseller' ? a.resellerPrice : undefined) },
        { level: 'customerPrice', header: t('subscriptionTerms.charges.customerPays'), value: (a) => (a.audience === 'reseller' ? a.customerPrice : undefined) },
      ];
    default:
      return [{ level: 'customerPrice', header: t('subscriptionTerms.charges.amount'), value: (a) => (a.audience === 'customer' ? a.customerPrice : undefined) }];
  }
}

export function ChargeLinesPanel({ customerId, subscriptionId, audience }: { customerId: string; subscriptionId: string; audience: PriceAudience }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const charges = useChargeLines(customerId, subscriptionId);
  const amountColumns = useAmountColumns(audience);

  if (charges.error) return <ErrorBar error={charges.error} testId="subscription-charges-error" />;
  if (charges.isPending) return <Loading />;
  const lines = charges.data.pages.flatMap((page) => page.items);
  if (lines.length === 0) {
    return (
      <div className={styles.empty} data-testid="subscription-charges-empty">
        {t('subscriptionTerms.charges.empty')}
      </div>
    );
  }

  const amounts: DataColumn<ChargeLine>[] = amountColumns.map((column) => ({
    id: column.level,
    header: column.header,
    cellClassName: styles.amount,
    cellTestId: `charge-amount-${column.level}`,
    cell: (line) => {
      const value = column.value(line.amounts);
      return value === undefined ? t('common.emptyValue') : <span className={value.startsWith('-') ? styles.credit : undefined}>{format.amount(value, line.currency)}</span>;
    },
  }));

  return (
    <div className={styles.root}>
      <div className={styles.tableWrap}>
        <DataTable<ChargeLine>
          size="small"
          aria-label={t('subscriptionTerms.charges.title')}
          testId="subscription-charges"
          rows={lines}
          rowId={(line) => line.id}
          rowProps={(line) => ({ 'data-testid': `charge-line-${line.id}`, 'data-type': line.chargeType })}
          columns={[
            { id: 'type', header: t('subscriptionTerms.charges.columnType'), cellTestId: 'charge-type', cell: (line) => labels.chargeType(line.chargeType) },
            { id: 'quantity', header: t('subscriptionTerms.charges.columnQuantity'), cellTestId: 'charge-quantity', cell: (line) => format.number(line.quantity) },
            {
              id: 'period',
              header: t('subscriptionTerms.charges.columnPeriod'),
              cellTestId: 'charge-period',
              cell: (line) => t('subscriptionTerms.charges.period', { start: format.date(line.periodStart), end: format.date(line.periodEnd) }),
            },
            {
              id: 'days',
              header: t('subscriptionTerms.charges.columnDays'),
              cellTestId: 'charge-days',
              cell: (line) => t('subscriptionTerms.charges.days', { charged: format.number(line.chargedDays), period: format.number(line.periodDays) }),
            },
            ...amounts,
          ]}
        />
      </div>
      {charges.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void charges.fetchNextPage()} disabled={charges.isFetchingNextPage} data-testid="subscription-charges-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
