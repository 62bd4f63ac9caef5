// PRC-3, PRC-4: the prices of an order line or a subscription as the caller's tier sees them (frozen at
// checkout), and a catalog price of one term and billing cycle: a provider its cost and the reseller's
// price, a reseller its cost and the customer's price, a customer only its own price. Amounts are the
// API's decimal strings, formatted in the portal's language (PRC-5).
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CatalogPrice, LinePrices } from '@contracts/commerce';
import { useFormat } from '../format';

const useStyles = makeStyles({
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

/** A line's or a subscription's prices per unit: the main one first, the caller's other prices beneath. */
export function LinePricesCell({ prices, currency, testId }: { prices: LinePrices; currency: string; testId?: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const amount = (value: string) => format.amount(value, currency);
  if (prices.audience === 'customer') {
    return (
      <Text className={styles.amount} data-testid={testId} data-audience="customer">
        {t('subscriptions.unitPrice', { price: amount(prices.customerPrice) })}
      </Text>
    );
  }
  const [main, details] =
    prices.audience === 'provider'
      ? [t('pricing.prices.resellerPays', { price: amount(prices.resellerPrice) }), t('pricing.prices.details', { cost: amount(prices.providerCost), list: amount(prices.listPrice) })]
      : [t('pricing.prices.customerPays', { price: amount(prices.customerPrice) }), t('pricing.prices.details', { cost: amount(prices.resellerPrice), list: amount(prices.listPrice) })];
  return (
    <span data-testid={testId} data-audience={prices.audience}>
      <Text className={styles.amount}>{main}</Text>
      <Caption1 className={styles.secondary}>{details}</Caption1>
    </span>
  );
}

/** The catalog price of a term and billing cycle as the caller's tier sees it (PRC-4), as one line of text. */
export function useCatalogPriceText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (price: CatalogPrice, currency: string): string => {
    const a = (value: string) => format.amount(value, currency);
    switch (price.audience) {
      case 'provider':
        return price.resellerPrice !== undefined
          ? t('pricing.prices.providerCatalog', { cost: a(price.providerCost), price: a(price.resellerPrice), list: a(price.listPrice) })
          : t('pricing.prices.details', { cost: a(price.providerCost), list: a(price.listPrice) });
      case 'reseller':
        return price.customerPrice !== undefined
          ? t('pricing.prices.resellerCatalog', { cost: a(price.resellerPrice), price: a(price.customerPrice), list: a(price.listPrice) })
          : t('pricing.prices.details', { cost: a(price.resellerPrice), list: a(price.listPrice) });
      case 'operator':
        return t('pricing.prices.details', { cost: a(price.providerCost), list: a(price.listPrice) });
      default:
        return t('pricing.prices.list', { list: a(price.listPrice) });
    }
  };
}
