import { useTranslation } from 'react-i18next';
import { useMarketplaceLabels } from './labels';
import type { AudiencePartner, RequestedChange } from './model';

/** A requested audience change in words: the new option, or the partners to remove (named when known). */
export function RequestedChangeText({ change, partners = [] }: { change: RequestedChange | null | undefined; partners?: readonly Pick<AudiencePartner, 'tenantId' | 'name'>[] }) {
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  if (!change) return <>{t('common.emptyValue')}</>;
  if (change.mode) return <>{t('marketplace.supportRequests.changeMode', { mode: labels.mode(change.mode) })}</>;
  const names = (change.removePartnerTenantIds ?? []).map((id) => partners.find((partner) => partner.tenantId === id)?.name || id);
  return <>{t('marketplace.supportRequests.changeRemove', { partners: names.join(', ') })}</>;
}
