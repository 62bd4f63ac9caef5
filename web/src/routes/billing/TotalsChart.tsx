// One currency's received and issued totals by month as grouped bars (Fluent UI charts). Only the billing
// home imports it, so the charts library loads with that page alone. A bar's height is the amount as a
// number (drawing only); every amount shown, in the callout and the labels, is the exact decimal text.
import { useMemo } from 'react';
import { DataVizPalette, GroupedVerticalBarChart, ResponsiveContainer, getColorFromToken, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CurrencyFigures } from '../../billingTotals';
import { useFormat } from '../../format';

const useStyles = makeStyles({
  root: { width: '100%', minWidth: 0 },
});

/** Where a direction's documents are listed. */
export const invoiceListPath = (direction: 'received' | 'issued') => (direction === 'issued' ? '/invoices?direction=issued' : '/invoices');

export function TotalsChart({ figures, title }: { figures: CurrencyFigures; title: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { currency } = figures;

  const data = useMemo<GroupedVerticalBarChartData[]>(() => {
    const shortMonth = new Intl.DateTimeFormat(format.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const bar = (direction: 'received' | 'issued', month: string, amount: string, color: string) => {
      const legend = direction === 'received' ? t('billing.home.received') : t('billing.home.issued');
      const shown = format.amount(amount, currency);
      return {
        key: direction,
        legend,
        data: Number(amount),
        color,
        xAxisCalloutData: format.month(month),
        yAxisCalloutData: shown,
        callOutAccessibilityData: { ariaLabel: t('billing.home.barLabel', { documents: legend, month: format.month(month), amount: shown }) },
        onClick: () => navigate(invoiceListPath(direction)),
      };
    };
    const received = getColorFromToken(DataVizPalette.color1);
    const issued = getColorFromToken(DataVizPalette.color2);
    return figures.months.map((m) => {
      const [year, index] = m.month.split('-').map(Number) as [number, number];
      return {
        name: shortMonth.format(new Date(Date.UTC(year, index - 1, 1))),
        series: [bar('received', m.month, m.received, received), bar('issued', m.month, m.issued, issued)],
      };
    });
  }, [figures, currency, format, t, navigate]);

  const tick = useMemo(() => {
    let compact: Intl.NumberFormat;
    try {
      compact = new Intl.NumberFormat(format.language, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    } catch {
      compact = new Intl.NumberFormat(format.language, { notation: 'compact', maximumFractionDigits: 1 });
    }
    return (value: number) => compact.format(value);
  }, [format.language, currency]);

  return (
    <div className={styles.root} data-testid={`billing-chart-${currency}`}>
      <ResponsiveContainer height={300}>
        <GroupedVerticalBarChart
          data={data}
          chartTitle={title}
          culture={format.language}
          yAxisTickFormat={tick}
          barWidth="auto"
          maxBarWidth={28}
          hideLabels
          roundCorners
          wrapXAxisLables
          svgProps={{ 'aria-label': title }}
        />
      </ResponsiveContainer>
    </div>
  );
}
