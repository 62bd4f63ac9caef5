import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const named = (names: Record<string, string>) => (value: string) => (Object.hasOwn(names, value) ? names[value]! : value);

/**
 * Localized names of a billing document's kind and status (BIL-4), and of the tier a charge is invoiced
 * at (BIL-1); a value the portal does not know is shown as sent.
 */
export function useInvoiceLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    return {
      kind: named({ invoice: t('billing.kind.invoice'), statement: t('billing.kind.statement'), creditNote: t('billing.kind.creditNote') }),
      status: named({
        open: t('billing.status.open'),
        overdue: t('billing.status.overdue'),
        paid: t('billing.status.paid'),
        issued: t('billing.status.issued'),
      }),
      tier: named({ provider: t('billing.tier.provider'), reseller: t('billing.tier.reseller'), customer: t('billing.tier.customer') }),
    };
  }, [t, i18n.language]);
}

/** Localized names of a reconciliation export's status, format and direction (BIL-3). */
export function useExportLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      status: named({
        queued: t('billing.reconciliation.status.queued'),
        running: t('billing.reconciliation.status.running'),
        succeeded: t('billing.reconciliation.status.succeeded'),
        failed: t('billing.reconciliation.status.failed'),
      }),
      format: named({ csv: t('billing.reconciliation.format.csv'), jsonl: t('billing.reconciliation.format.jsonl') }),
      direction: named({ received: t('billing.reconciliation.direction.received'), issued: t('billing.reconciliation.direction.issued') }),
    }),
    [t, i18n.language],
  );
}
