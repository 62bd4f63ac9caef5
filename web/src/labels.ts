import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Localized names of the values the enrollment API sends (statuses, vetting steps, requirement keys
 * …). Each name is a literal `t()` call so that the locale check sees every key; a value the portal
 * does not know yet is shown as sent by the server.
 */
export function useEnrollmentLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const lookup = (names: Record<string, string>) => (value: string | null | undefined) =>
      value ? (Object.hasOwn(names, value) ? names[value]! : value) : '';

    const status = lookup({
      draft: t('enrollmentStatus.draft'),
      emailVerificationPending: t('enrollmentStatus.emailVerificationPending'),
      inReview: t('enrollmentStatus.inReview'),
      actionRequired: t('enrollmentStatus.actionRequired'),
      verified: t('enrollmentStatus.verified'),
      active: t('enrollmentStatus.active'),
      rejected: t('enrollmentStatus.rejected'),
      suspended: t('enrollmentStatus.suspended'),
      notStarted: t('enrollmentStatus.notStarted'),
    });

    const step = lookup({
      emailOwnership: t('vettingStep.emailOwnership'),
      emailDomain: t('vettingStep.emailDomain'),
      businessVerification: t('vettingStep.businessVerification'),
      decision: t('vettingStep.decision'),
    });

    const stepState = lookup({
      notStarted: t('stepState.notStarted'),
      inProgress: t('stepState.inProgress'),
      completed: t('stepState.completed'),
      actionRequired: t('stepState.actionRequired'),
      failed: t('stepState.failed'),
    });

    const requirementTitle = lookup({
      globalAdminCredentials: t('requirements.globalAdminCredentials.title'),
      partnerId: t('requirements.partnerId.title'),
      legalBusinessProfile: t('requirements.legalBusinessProfile.title'),
      primaryContact: t('requirements.primaryContact.title'),
      supportProfile: t('requirements.supportProfile.title'),
      servicesOffered: t('requirements.servicesOffered.title'),
      billingAndSupportAttestation: t('requirements.billingAndSupportAttestation.title'),
    });

    const requirementDescription = lookup({
      globalAdminCredentials: t('requirements.globalAdminCredentials.description'),
      partnerId: t('requirements.partnerId.description'),
      legalBusinessProfile: t('requirements.legalBusinessProfile.description'),
      primaryContact: t('requirements.primaryContact.description'),
      supportProfile: t('requirements.supportProfile.description'),
      servicesOffered: t('requirements.servicesOffered.description'),
      billingAndSupportAttestation: t('requirements.billingAndSupportAttestation.description'),
    });

    const service = lookup({
      technicalTraining: t('servicesOffered.technicalTraining'),
      marketingHelp: t('servicesOffered.marketingHelp'),
      financingAndCredit: t('servicesOffered.financingAndCredit'),
      customerSupport: t('servicesOffered.customerSupport'),
    });

    const addressStatus = lookup({
      Verified: t('addressStatus.Verified'),
      VerifiedShippable: t('addressStatus.VerifiedShippable'),
      InteractionRequired: t('addressStatus.InteractionRequired'),
      StreetPartial: t('addressStatus.StreetPartial'),
      PremisesPartial: t('addressStatus.PremisesPartial'),
      Multiple: t('addressStatus.Multiple'),
      None: t('addressStatus.None'),
      NotValidated: t('addressStatus.NotValidated'),
    });

    const agreementType = lookup({
      partnerAgreement: t('agreementType.partnerAgreement'),
      customerAgreement: t('agreementType.customerAgreement'),
      publisherAgreement: t('agreementType.publisherAgreement'),
    });

    /** Items that `POST …/submit` reports missing (`errors[].path` without the slash, or `missing[]`). */
    const missingItem = lookup({
      legalBusinessProfile: t('missingItem.legalBusinessProfile'),
      supportProfile: t('missingItem.supportProfile'),
      servicesOffered: t('missingItem.servicesOffered'),
      attestation: t('missingItem.attestation'),
      'legalBusinessProfile/primaryContact/email': t('missingItem.primaryContactEmail'),
    });

    return { status, step, stepState, requirementTitle, requirementDescription, service, addressStatus, agreementType, missingItem };
  }, [t, i18n.language]);
}

/** Title of an agreement in the UI language, else English, else the first one published. */
export function agreementTitle(titles: Record<string, string>, language: string): string {
  return titles[language] ?? titles.en ?? Object.values(titles)[0] ?? '';
}
