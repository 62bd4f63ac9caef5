// The marketplace's entries in the left navigation: publisher pages, the resellers' offers for CSP,
// and the operator's support-request queue.
import type { MouseEvent } from 'react';
import { NavItem, NavSubItem } from '@fluentui/react-components';
import { BoxMultipleRegular, BuildingShopRegular, PersonSupportRegular, StoreMicrosoftRegular } from '@fluentui/react-icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, hasPermission, isCustomerTenant, isOperatorTenant, isPublisherTenant, isResellerTenant } from '../../permissions';
import { useMe } from '../../session';

const PATHS = {
  becomePublisher: '/marketplace/publisher',
  offers: '/marketplace/offers',
  supportRequests: '/marketplace/support-requests',
  cspOffers: '/marketplace/csp-offers',
  operatorSupportRequests: '/operator/support-requests',
} as const;
type Value = keyof typeof PATHS;

/** The navigation value of a marketplace page, for the drawer's selection. */
export function marketplaceNavValue(pathname: string): Value | undefined {
  return (Object.entries(PATHS) as [Value, string][]).find(([, path]) => pathname === path || pathname.startsWith(`${path}/`))?.[0];
}

function useGo() {
  const navigate = useNavigate();
  return (value: Value) => (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(PATHS[value]);
  };
}

/** Publisher and reseller entries (outside the operator's and customers' tenants). */
export function MarketplaceNavItems() {
  const { t } = useTranslation();
  const go = useGo();
  const { data: me } = useMe();
  if (!me || isOperatorTenant(me.memberships) || isCustomerTenant(me.memberships)) return null;
  const can = (permission: string) => hasPermission(me.permissions, permission);
  const publisher = isPublisherTenant(me.memberships);
  return (
    <>
      {publisher && can(PERMISSIONS.offersRead) ? (
        <NavItem href={PATHS.offers} value="offers" icon={<BoxMultipleRegular fontSize={20} />} onClick={go('offers')} data-testid="nav-marketplace-offers">
          {t('marketplace.nav.offers')}
        </NavItem>
      ) : null}
      {!publisher && can(PERMISSIONS.publisherEnroll) ? (
        <NavItem
          href={PATHS.becomePublisher}
          value="becomePublisher"
          icon={<BuildingShopRegular fontSize={20} />}
          onClick={go('becomePublisher')}
          data-testid="nav-become-publisher"
        >
          {t('marketplace.nav.becomePublisher')}
        </NavItem>
      ) : null}
      {publisher && can(PERMISSIONS.supportRequestsRead) ? (
        <NavItem
          href={PATHS.supportRequests}
          value="supportRequests"
          icon={<PersonSupportRegular fontSize={20} />}
          onClick={go('supportRequests')}
          data-testid="nav-support-requests"
        >
          {t('marketplace.nav.supportRequests')}
        </NavItem>
      ) : null}
      {isResellerTenant(me.memberships) && can(PERMISSIONS.cspOffers) ? (
        <NavItem href={PATHS.cspOffers} value="cspOffers" icon={<StoreMicrosoftRegular fontSize={20} />} onClick={go('cspOffers')} data-testid="nav-csp-offers">
          {t('marketplace.nav.cspOffers')}
        </NavItem>
      ) : null}
    </>
  );
}

/** The operator's support-request queue, under the Operator category. */
export function OperatorMarketplaceNavItems() {
  const { t } = useTranslation();
  const go = useGo();
  const { data: me } = useMe();
  if (!hasPermission(me?.permissions, PERMISSIONS.operatorSupportRequests)) return null;
  return (
    <NavSubItem href={PATHS.operatorSupportRequests} value="operatorSupportRequests" onClick={go('operatorSupportRequests')} data-testid="nav-operator-support-requests">
      {t('marketplace.nav.operatorSupportRequests')}
    </NavSubItem>
  );
}
