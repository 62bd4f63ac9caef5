import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Localized names of a billing document's kind; a value the portal does not know is shown as sent. */
export function useInvoiceLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const names: Record<string, string> = { invoice: t('billing.kind.invoice'), statement: t('billing.kind.statement') };
    return { kind: (value: string) => (Object.hasOwn(names, value) ? names[value]! : value) };
  }, [t, i18n.language]);
}
