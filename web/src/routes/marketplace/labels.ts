import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Localized names of the marketplace's codes (offer types, audience options, plan terms …). */
export function useMarketplaceLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const offerTypes: Record<string, string> = {
      saas: t('marketplace.offerTypes.saas'),
      virtualMachine: t('marketplace.offerTypes.virtualMachine'),
      solutionTemplate: t('marketplace.offerTypes.solutionTemplate'),
      managedApplication: t('marketplace.offerTypes.managedApplication'),
      dynamics365BusinessCentral: t('marketplace.offerTypes.dynamics365BusinessCentral'),
      container: t('marketplace.offerTypes.container'),
    };
    const modes: Record<string, string> = {
      all: t('marketplace.audience.modes.all'),
      selected: t('marketplace.audience.modes.selected'),
      none: t('marketplace.audience.modes.none'),
    };
    const licenseModels: Record<string, string> = {
      payg: t('marketplace.plans.licenseModels.payg'),
      byol: t('marketplace.plans.licenseModels.byol'),
    };
    const terms: Record<string, string> = {
      P1M: t('marketplace.plans.terms.P1M'),
      P1Y: t('marketplace.plans.terms.P1Y'),
      P3Y: t('marketplace.plans.terms.P3Y'),
    };
    const cycles: Record<string, string> = {
      monthly: t('marketplace.plans.cycles.monthly'),
      annual: t('marketplace.plans.cycles.annual'),
    };
    const requestStatuses: Record<string, string> = {
      open: t('marketplace.supportRequests.statuses.open'),
      resolved: t('marketplace.supportRequests.statuses.resolved'),
      declined: t('marketplace.supportRequests.statuses.declined'),
    };
    const importCodes: Record<string, string> = {
      malformed: t('marketplace.audience.importCodes.malformed'),
      duplicate: t('marketplace.audience.importCodes.duplicate'),
      not_a_csp_reseller: t('marketplace.audience.importCodes.notCspReseller'),
      unknown_tenant: t('marketplace.audience.importCodes.unknownTenant'),
    };
    const fixed: Record<string, string> = {
      'Live offer management': t('marketplace.supportRequests.fixed.productVersion'),
      'Update existing offer': t('marketplace.supportRequests.fixed.problemType'),
      'De-authorize CSP': t('marketplace.supportRequests.fixed.title'),
    };
    const pick = (table: Record<string, string>) => (code: string | null | undefined) => (code ? table[code] ?? code : '');
    return {
      offerType: pick(offerTypes),
      mode: pick(modes),
      licenseModel: pick(licenseModels),
      term: pick(terms),
      cycle: pick(cycles),
      requestStatus: pick(requestStatuses),
      importCode: pick(importCodes),
      /** The localized text of one of the fixed support-request values (MKP-9). */
      fixedValue: pick(fixed),
    };
  }, [t]);
}
