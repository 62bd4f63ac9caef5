import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Localized names of the values the relationship, customer and commerce APIs send (grants, states,
 * delegated-admin roles, checkout refusal codes …). Each name is a literal `t()` call so that the
 * locale check sees every key; a value the portal does not know yet is shown as sent by the server.
 */
export function useChannelLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const lookup = (names: Record<string, string>) => (value: string | null | undefined) =>
      value ? (Object.hasOwn(names, value) ? names[value]! : value) : '';

    /** REL-4: what authorizing an indirect provider grants. */
    const grant = lookup({
      submitOrdersForYourCustomers: t('grants.submitOrdersForYourCustomers'),
      addSubscriptionsForYourCustomers: t('grants.addSubscriptionsForYourCustomers'),
      adminAccessToYourTenant: t('grants.adminAccessToYourTenant'),
    });

    const invitationStatus = lookup({
      pending: t('invitationStatus.pending'),
      accepted: t('invitationStatus.accepted'),
      expired: t('invitationStatus.expired'),
      revoked: t('invitationStatus.revoked'),
    });

    const adminAccess = lookup({
      granted: t('adminAccess.granted'),
      removed: t('adminAccess.removed'),
    });

    /** ORD-3 / CUS-6 / TRM-5 refusal codes, explained. */
    const checkoutError = lookup({
      provider_not_active: t('checkoutErrors.provider_not_active'),
      reseller_not_found: t('checkoutErrors.reseller_not_found'),
      reseller_not_active: t('checkoutErrors.reseller_not_active'),
      reseller_agreement_not_accepted: t('checkoutErrors.reseller_agreement_not_accepted'),
      partner_id_not_associated: t('checkoutErrors.partner_id_not_associated'),
      provider_not_authorized_by_reseller: t('checkoutErrors.provider_not_authorized_by_reseller'),
      no_provider_customer_relationship: t('checkoutErrors.no_provider_customer_relationship'),
      no_reseller_customer_relationship: t('checkoutErrors.no_reseller_customer_relationship'),
      region_mismatch: t('checkoutErrors.region_mismatch'),
      offer_not_available_in_market: t('checkoutErrors.offer_not_available_in_market'),
      reseller_not_in_csp_audience: t('checkoutErrors.reseller_not_in_csp_audience'),
      invalid_term_or_cycle: t('checkoutErrors.invalid_term_or_cycle'),
      invalid_quantity: t('checkoutErrors.invalid_quantity'),
      cart_expired: t('checkoutErrors.cart_expired'),
      coterm_not_possible: t('checkoutErrors.coterm_not_possible'),
    });

    const delegatedRole = lookup({
      userAdministrator: t('delegatedRoles.userAdministrator'),
      licenseAdministrator: t('delegatedRoles.licenseAdministrator'),
      helpdeskAdministrator: t('delegatedRoles.helpdeskAdministrator'),
      billingReader: t('delegatedRoles.billingReader'),
      globalAdministrator: t('delegatedRoles.globalAdministrator'),
    });

    const delegatedStatus = lookup({
      approvalPending: t('delegatedStatus.approvalPending'),
      active: t('delegatedStatus.active'),
      expired: t('delegatedStatus.expired'),
      terminated: t('delegatedStatus.terminated'),
    });

    const subscriptionStatus = lookup({
      active: t('subscriptionStatus.active'),
      suspended: t('subscriptionStatus.suspended'),
      cancelled: t('subscriptionStatus.cancelled'),
      expired: t('subscriptionStatus.expired'),
    });

    /** TRM-6: what a charge line is for. */
    const chargeType = lookup({
      purchase: t('subscriptionTerms.chargeType.purchase'),
      cycleFee: t('subscriptionTerms.chargeType.cycleFee'),
      seatIncrease: t('subscriptionTerms.chargeType.seatIncrease'),
      refund: t('subscriptionTerms.chargeType.refund'),
      cancellation: t('subscriptionTerms.chargeType.cancellation'),
      renewal: t('subscriptionTerms.chargeType.renewal'),
      upgradeCredit: t('subscriptionTerms.chargeType.upgradeCredit'),
      upgradeCharge: t('subscriptionTerms.chargeType.upgradeCharge'),
    });

    const termDuration = lookup({
      P1M: t('termDuration.P1M'),
      P1Y: t('termDuration.P1Y'),
      P3Y: t('termDuration.P3Y'),
    });

    const billingCycle = lookup({
      monthly: t('billingCycle.monthly'),
      annual: t('billingCycle.annual'),
    });

    /** CUS-3: what each inviting partner may do once the customer accepts. */
    const canDo = lookup({
      manageSubscriptions: t('canDo.manageSubscriptions'),
      manageLicenses: t('canDo.manageLicenses'),
      manageUsers: t('canDo.manageUsers'),
      placeOrders: t('canDo.placeOrders'),
    });

    const partnerRole = lookup({
      reseller: t('partnerRole.reseller'),
      provider: t('partnerRole.provider'),
    });

    const invitationType = lookup({
      resellerOnly: t('invitationType.resellerOnly'),
      resellerAndProvider: t('invitationType.resellerAndProvider'),
    });

    /** CSP regions (MKT-1): the API names them in English; known ones are named in the UI language. */
    const regionNames: Record<string, string> = {
      africa: t('regions.africa'),
      asia_pacific: t('regions.asia_pacific'),
      australia: t('regions.australia'),
      brazil: t('regions.brazil'),
      canada: t('regions.canada'),
      europe: t('regions.europe'),
      india: t('regions.india'),
      japan: t('regions.japan'),
      korea: t('regions.korea'),
      latam: t('regions.latam'),
      mecee: t('regions.mecee'),
      new_zealand: t('regions.new_zealand'),
      russia: t('regions.russia'),
      taiwan: t('regions.taiwan'),
      united_states: t('regions.united_states'),
    };
    const region = (id: string | null | undefined, apiName?: string) =>
      id ? (Object.hasOwn(regionNames, id) ? regionNames[id]! : (apiName ?? id)) : '';

    return {
      region,
      grant,
      invitationStatus,
      adminAccess,
      checkoutError,
      delegatedRole,
      delegatedStatus,
      subscriptionStatus,
      chargeType,
      termDuration,
      billingCycle,
      canDo,
      partnerRole,
      invitationType,
    };
  }, [t, i18n.language]);
}
