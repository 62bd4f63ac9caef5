// The portal's pages, declared once: the router (App.tsx) and the left navigation (Shell.tsx) are built
// from this list. A new page is one entry here; with `nav`, it also shows in the navigation.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  AlertRegular,
  BoxMultipleRegular,
  BuildingMultipleRegular,
  BuildingRegular,
  BuildingShopRegular,
  ClipboardTaskListLtrRegular,
  DocumentBulletListClockRegular,
  DocumentSignatureRegular,
  GlobeSearchRegular,
  HandshakeRegular,
  HomeRegular,
  LocationRegular,
  PeopleSettingsRegular,
  PeopleTeamRegular,
  PersonRegular,
  PersonSupportRegular,
  PlugConnectedRegular,
  ShieldKeyholeRegular,
  ReceiptMoneyRegular,
  ReceiptRegular,
  ShieldTaskRegular,
  StoreMicrosoftRegular,
  TagMultipleRegular,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { Me } from '@contracts/identity';
import {
  PERMISSIONS,
  canSeeOperatorArea,
  canSeePartnerArea,
  hasPermission,
  isCustomerTenant,
  isOperatorTenant,
  isProviderTenant,
  isPublisherTenant,
  isResellerTenant,
} from './permissions';

/**
 * Who opens a page, and in which frame:
 * - `shell`: a signed-in user, inside the shell with the navigation (most pages);
 * - `signedIn`: a signed-in user, on its own (changing a temporary password);
 * - `anonymous`: nobody signed in (sign-in, sign-up; a signed-in user is sent on);
 * - `public`: anyone, signed in or not.
 */
export type PageAccess = 'shell' | 'signedIn' | 'anonymous' | 'public';

/** Who sees a navigation entry. The page itself still checks its permission (RequirePermission). */
export type Audience = (me: Me) => boolean;

/** The navigation's collapsible categories, in the drawer where their first entry stands. */
export type NavGroupId = 'operator' | 'billing' | 'account' | 'integrations';

export interface NavGroup {
  /** i18n key of the category's label. */
  label: string;
  icon: FluentIcon;
  testId: string;
  /** Who sees the category (its entries each have their own audience as well). */
  audience: Audience;
}

export interface NavEntry {
  /** The drawer's value for the entry (its selection). */
  value: string;
  /** i18n key of the label. */
  label: string;
  testId: string;
  /** Icon of a top-level entry (entries in a group have none). */
  icon?: FluentIcon;
  group?: NavGroupId;
  /** Who sees it; everyone signed in when absent. */
  audience?: Audience;
  /** A count shown beside the label (Shell.tsx reads it), e.g. the signed-in user's unread mail. */
  badge?: NavBadge;
}

/** The counts a navigation entry can show. */
export type NavBadge = 'unreadNotifications';

export interface PortalPage {
  /** The address, from the root (`/customers/:id/order`). */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** `shell` when absent. */
  access?: PageAccess;
  /** Its entry in the left navigation, in the order of this list; other pages are reached from a page. */
  nav?: NavEntry;
}

// ------------------------------------------------------------------------------------- audiences

const can =
  (permission: string): Audience =>
  (me) =>
    hasPermission(me.permissions, permission);
const all =
  (...audiences: Audience[]): Audience =>
  (me) =>
    audiences.every((audience) => audience(me));
const any =
  (...audiences: Audience[]): Audience =>
  (me) =>
    audiences.some((audience) => audience(me));

const provider: Audience = (me) => isProviderTenant(me.memberships);
const reseller: Audience = (me) => isResellerTenant(me.memberships);
const customer: Audience = (me) => isCustomerTenant(me.memberships);
const publisher: Audience = (me) => isPublisherTenant(me.memberships);
const notPublisher: Audience = (me) => !isPublisherTenant(me.memberships);
/** Who gives or receives credit between the tiers (BIL-4): the operator, providers and resellers. */
const creditParty: Audience = (me) => isOperatorTenant(me.memberships) || provider(me) || reseller(me);
/** Partners' marketplace pages: outside the operator's and customers' tenants. */
const marketplacePartner: Audience = (me) => !isOperatorTenant(me.memberships) && !isCustomerTenant(me.memberships);

// ---------------------------------------------------------------------------------------- groups

export const NAV_GROUPS: Record<NavGroupId, NavGroup> = {
  operator: { label: 'nav.operator', icon: ShieldTaskRegular, testId: 'nav-operator', audience: canSeeOperatorArea },
  billing: { label: 'billing.nav.group', icon: ReceiptMoneyRegular, testId: 'nav-billing', audience: can(PERMISSIONS.billingRead) },
  account: { label: 'nav.accountSettings', icon: PeopleSettingsRegular, testId: 'nav-account-settings', audience: can(PERMISSIONS.usersRead) },
  integrations: {
    label: 'integrations.nav.group',
    icon: PlugConnectedRegular,
    testId: 'nav-integrations',
    audience: any(can(PERMISSIONS.webhooksManage), can(PERMISSIONS.eventsRead)),
  },
};

// ----------------------------------------------------------------------------------------- pages

export const PAGES: readonly PortalPage[] = [
  { path: '/signin', page: lazy(() => import('./routes/auth/SignIn')), access: 'anonymous' },
  { path: '/signup', page: lazy(() => import('./routes/auth/SignUp')), access: 'anonymous' },
  // The emailed confirmation link (ENR-5): opened by the primary contact, signed in or not.
  { path: '/verify-email', page: lazy(() => import('./routes/enrollment/VerifyEmail')), access: 'public' },
  // A forgotten password: the request form, and the emailed single-use link (?token=).
  { path: '/reset-password', page: lazy(() => import('./routes/auth/ResetPassword')), access: 'public' },
  // The public marketplace storefront (MKP-10: never the CSP materials).
  { path: '/storefront', page: lazy(() => import('./routes/storefront/Storefront')), access: 'public' },
  // Invitation links (REL-3, CUS-3): public, so that the invited organization sees the offer before signing in.
  { path: '/invitations/reseller/:token', page: lazy(() => import('./routes/invitations/ResellerInvitation')), access: 'public' },
  { path: '/invitations/customer/:token', page: lazy(() => import('./routes/invitations/CustomerInvitation')), access: 'public' },
  { path: '/change-password', page: lazy(() => import('./routes/auth/ChangePassword')), access: 'signedIn' },
  // ACC-4: a user who must have a second factor and has none is kept here until it adds one.
  { path: '/security/enrol', page: lazy(() => import('./routes/security/Enrol')), access: 'signedIn' },

  { path: '/', page: lazy(() => import('./routes/home/Home')), nav: { value: 'home', label: 'nav.home', testId: 'nav-home', icon: HomeRegular } },

  // Partner pages (ENR): enrollment, legal info, locations, agreements.
  {
    path: '/enrollment',
    page: lazy(() => import('./routes/enrollment/EnrollmentHome')),
    nav: { value: 'enrollment', label: 'nav.enrollment', testId: 'nav-enrollment', icon: ClipboardTaskListLtrRegular, audience: canSeePartnerArea },
  },
  { path: '/enrollment/welcome', page: lazy(() => import('./routes/enrollment/Welcome')) },
  { path: '/enrollment/apply/:program', page: lazy(() => import('./routes/enrollment/Apply')) },
  { path: '/enrollment/:id', page: lazy(() => import('./routes/enrollment/EnrollmentDetail')) },
  {
    path: '/legal-info',
    page: lazy(() => import('./routes/partner/LegalInfo')),
    nav: { value: 'legalInfo', label: 'nav.legalInfo', testId: 'nav-legal-info', icon: BuildingRegular, audience: canSeePartnerArea },
  },
  {
    path: '/locations',
    page: lazy(() => import('./routes/partner/Locations')),
    nav: { value: 'locations', label: 'nav.locations', testId: 'nav-locations', icon: LocationRegular, audience: canSeePartnerArea },
  },
  {
    path: '/agreements',
    page: lazy(() => import('./routes/agreements/Agreements')),
    nav: { value: 'agreements', label: 'nav.agreements', testId: 'nav-agreements', icon: DocumentSignatureRegular, audience: canSeePartnerArea },
  },

  // Relationships (REL): resellers find providers; providers see their resellers.
  {
    path: '/relationships/directory',
    page: lazy(() => import('./routes/relationships/FindProvider')),
    nav: {
      value: 'findProvider',
      label: 'nav.findProvider',
      testId: 'nav-find-provider',
      icon: GlobeSearchRegular,
      audience: all(reseller, can(PERMISSIONS.relationshipsRead)),
    },
  },
  {
    path: '/relationships/providers',
    page: lazy(() => import('./routes/relationships/IndirectProviders')),
    nav: {
      value: 'indirectProviders',
      label: 'nav.indirectProviders',
      testId: 'nav-indirect-providers',
      icon: HandshakeRegular,
      audience: all(reseller, can(PERMISSIONS.relationshipsRead)),
    },
  },
  {
    path: '/relationships/resellers',
    page: lazy(() => import('./routes/relationships/IndirectResellers')),
    nav: {
      value: 'indirectResellers',
      label: 'nav.indirectResellers',
      testId: 'nav-indirect-resellers',
      icon: PeopleTeamRegular,
      audience: all(provider, can(PERMISSIONS.relationshipsRead)),
    },
  },
  { path: '/relationships/resellers/:tenantId/users', page: lazy(() => import('./routes/relationships/ResellerUsers')) },

  // Customers (CUS) and ordering for them (ORD).
  {
    path: '/customers',
    page: lazy(() => import('./routes/customers/Customers')),
    nav: {
      value: 'customers',
      label: 'nav.customers',
      testId: 'nav-customers',
      icon: BuildingMultipleRegular,
      audience: all((me) => provider(me) || reseller(me), can(PERMISSIONS.customersRead)),
    },
  },
  { path: '/customers/new', page: lazy(() => import('./routes/customers/AddCustomer')) },
  // Repricing (PRC-2, PRC-4): a provider's prices for its resellers, a reseller's for its customers.
  {
    path: '/pricing/repricing',
    page: lazy(() => import('./routes/pricing/Repricing')),
    nav: {
      value: 'repricing',
      label: 'pricing.nav.repricing',
      testId: 'nav-repricing',
      icon: TagMultipleRegular,
      audience: all((me) => provider(me) || reseller(me), can(PERMISSIONS.pricingManage)),
    },
  },
  { path: '/customers/:id/order', page: lazy(() => import('./routes/customers/Checkout')) },
  // A subscription's term page (TRM-1 … TRM-6): a partner's under its customer, a customer's under its own subscriptions.
  { path: '/customers/:id/subscriptions/:subscriptionId', page: lazy(() => import('./routes/customers/SubscriptionTerm')) },

  // A customer's own pages.
  {
    path: '/partner-relationships',
    page: lazy(() => import('./routes/customer/PartnerRelationships')),
    nav: {
      value: 'partnerRelationships',
      label: 'nav.partnerRelationships',
      testId: 'nav-partner-relationships',
      icon: HandshakeRegular,
      audience: all(customer, can(PERMISSIONS.customersRead)),
    },
  },
  {
    path: '/subscriptions',
    page: lazy(() => import('./routes/customer/Subscriptions')),
    nav: {
      value: 'customerSubscriptions',
      label: 'nav.customerSubscriptions',
      testId: 'nav-customer-subscriptions',
      icon: ReceiptRegular,
      audience: all(customer, can(PERMISSIONS.commerceRead)),
    },
  },
  { path: '/subscriptions/:subscriptionId', page: lazy(() => import('./routes/customers/SubscriptionTerm')) },
  // Billing (BIL), one category: its home (the totals by month), the invoices and statements the tenant
  // received or issued with their lines, payments and credit notes (BIL-2, BIL-4), the credit given and
  // received between the tiers and the balances by days past due (BIL-4), the open period's charges, and
  // the reconciliation exports of closed periods (BIL-3), and the tenant's billing profile (BIL-1).
  {
    path: '/billing',
    page: lazy(() => import('./routes/billing/BillingHome')),
    nav: { value: 'billingHome', label: 'billing.nav.overview', testId: 'nav-billing-home', group: 'billing', audience: can(PERMISSIONS.billingRead) },
  },
  {
    path: '/invoices',
    page: lazy(() => import('./routes/billing/Invoices')),
    nav: { value: 'invoices', label: 'billing.nav.invoices', testId: 'nav-invoices', group: 'billing', audience: can(PERMISSIONS.billingRead) },
  },
  { path: '/invoices/:id', page: lazy(() => import('./routes/billing/InvoiceDetail')) },
  {
    path: '/billing/credit',
    page: lazy(() => import('./routes/billing/Credit')),
    // BIL-4: credit is given by the operator to its providers and by providers to their resellers.
    nav: { value: 'credit', label: 'billing.nav.credit', testId: 'nav-billing-credit', group: 'billing', audience: all(creditParty, can(PERMISSIONS.billingRead)) },
  },
  {
    path: '/billing/aging',
    page: lazy(() => import('./routes/billing/Aging')),
    nav: { value: 'aging', label: 'billing.nav.aging', testId: 'nav-billing-aging', group: 'billing', audience: can(PERMISSIONS.billingRead) },
  },
  {
    path: '/billing/unbilled',
    page: lazy(() => import('./routes/billing/UnbilledCharges')),
    nav: { value: 'unbilledCharges', label: 'billing.nav.unbilled', testId: 'nav-billing-unbilled', group: 'billing', audience: can(PERMISSIONS.billingRead) },
  },
  {
    path: '/billing/reconciliation',
    page: lazy(() => import('./routes/billing/ReconciliationExports')),
    nav: {
      value: 'reconciliationExports',
      label: 'billing.nav.reconciliation',
      testId: 'nav-reconciliation-exports',
      group: 'billing',
      audience: can(PERMISSIONS.billingRead),
    },
  },
  {
    path: '/billing/profile',
    page: lazy(() => import('./routes/billing/BillingProfile')),
    // BIL-1: the legal name, tax ID and billing address the tenant's documents carry.
    nav: { value: 'billingProfile', label: 'billing.nav.profile', testId: 'nav-billing-profile', group: 'billing', audience: can(PERMISSIONS.billingRead) },
  },
  { path: '/delegated-admin/approve', page: lazy(() => import('./routes/customer/ApproveDelegatedAdmin')) },

  // The marketplace (MKP): publisher pages and the resellers' offers for CSP.
  {
    path: '/marketplace/offers',
    page: lazy(() => import('./routes/marketplace/Offers')),
    nav: {
      value: 'offers',
      label: 'marketplace.nav.offers',
      testId: 'nav-marketplace-offers',
      icon: BoxMultipleRegular,
      audience: all(marketplacePartner, publisher, can(PERMISSIONS.offersRead)),
    },
  },
  { path: '/marketplace/offers/:id', page: lazy(() => import('./routes/marketplace/OfferEditor')) },
  {
    path: '/marketplace/publisher',
    page: lazy(() => import('./routes/marketplace/BecomePublisher')),
    nav: {
      value: 'becomePublisher',
      label: 'marketplace.nav.becomePublisher',
      testId: 'nav-become-publisher',
      icon: BuildingShopRegular,
      audience: all(marketplacePartner, notPublisher, can(PERMISSIONS.publisherEnroll)),
    },
  },
  {
    path: '/marketplace/support-requests',
    page: lazy(() => import('./routes/marketplace/SupportRequests')),
    nav: {
      value: 'supportRequests',
      label: 'marketplace.nav.supportRequests',
      testId: 'nav-support-requests',
      icon: PersonSupportRegular,
      audience: all(marketplacePartner, publisher, can(PERMISSIONS.supportRequestsRead)),
    },
  },
  { path: '/marketplace/support-requests/new', page: lazy(() => import('./routes/marketplace/SupportRequestForm')) },
  {
    path: '/marketplace/csp-offers',
    page: lazy(() => import('./routes/marketplace/CspOffers')),
    nav: {
      value: 'cspOffers',
      label: 'marketplace.nav.cspOffers',
      testId: 'nav-csp-offers',
      icon: StoreMicrosoftRegular,
      audience: all(marketplacePartner, reseller, can(PERMISSIONS.cspOffers)),
    },
  },

  // The operator's program operations.
  {
    path: '/operator/enrollments',
    page: lazy(() => import('./routes/operator/ReviewQueue')),
    nav: { value: 'reviewQueue', label: 'nav.reviewQueue', testId: 'nav-review-queue', group: 'operator', audience: can(PERMISSIONS.operatorEnrollmentsRead) },
  },
  { path: '/operator/enrollments/:id', page: lazy(() => import('./routes/operator/EnrollmentReview')) },
  {
    path: '/operator/holidays',
    page: lazy(() => import('./routes/operator/Holidays')),
    nav: { value: 'holidays', label: 'nav.holidays', testId: 'nav-holidays', group: 'operator', audience: can(PERMISSIONS.operatorSettingsRead) },
  },
  {
    path: '/operator/agreements',
    page: lazy(() => import('./routes/operator/OperatorAgreements')),
    nav: {
      value: 'operatorAgreements',
      label: 'nav.operatorAgreements',
      testId: 'nav-operator-agreements',
      group: 'operator',
      audience: can(PERMISSIONS.operatorSettingsRead),
    },
  },
  {
    path: '/operator/company-registry',
    page: lazy(() => import('./routes/operator/CompanyRegistry')),
    nav: {
      value: 'companyRegistry',
      label: 'nav.companyRegistry',
      testId: 'nav-company-registry',
      group: 'operator',
      audience: can(PERMISSIONS.operatorSettingsRead),
    },
  },
  {
    path: '/operator/markets',
    page: lazy(() => import('./routes/operator/Markets')),
    nav: { value: 'markets', label: 'nav.markets', testId: 'nav-markets', group: 'operator', audience: can(PERMISSIONS.operatorSettingsManage) },
  },
  {
    path: '/operator/products',
    page: lazy(() => import('./routes/operator/Products')),
    nav: { value: 'products', label: 'nav.products', testId: 'nav-products', group: 'operator', audience: can(PERMISSIONS.operatorSettingsManage) },
  },
  // PRC-1: the monthly price lists.
  {
    path: '/operator/price-lists',
    page: lazy(() => import('./routes/pricing/PriceLists')),
    nav: { value: 'priceLists', label: 'pricing.nav.priceLists', testId: 'nav-price-lists', group: 'operator', audience: can(PERMISSIONS.priceListsRead) },
  },
  {
    path: '/operator/support-requests',
    page: lazy(() => import('./routes/marketplace/OperatorSupportQueue')),
    nav: {
      value: 'operatorSupportRequests',
      label: 'marketplace.nav.operatorSupportRequests',
      testId: 'nav-operator-support-requests',
      group: 'operator',
      audience: can(PERMISSIONS.operatorSupportRequests),
    },
  },
  {
    path: '/operator/mfa',
    page: lazy(() => import('./routes/security/OperatorMfa')),
    nav: { value: 'operatorMfa', label: 'security.nav.operatorMfa', testId: 'nav-operator-mfa', group: 'operator', audience: can(PERMISSIONS.operatorSettingsRead) },
  },

  // The tenant's account settings.
  {
    path: '/account/users',
    page: lazy(() => import('./routes/account/Users')),
    nav: { value: 'users', label: 'nav.userManagement', testId: 'nav-users', group: 'account' },
  },
  {
    path: '/account/security-groups',
    page: lazy(() => import('./routes/groups/SecurityGroups')),
    nav: {
      value: 'securityGroups',
      label: 'groups.nav',
      testId: 'nav-security-groups',
      group: 'account',
      // ACC-3: a partner's groups act in its customers; the operator's and customers' tenants have no use for them.
      audience: all(can(PERMISSIONS.usersRead), (me) => !customer(me) && !isOperatorTenant(me.memberships)),
    },
  },
  {
    path: '/account/single-sign-on',
    page: lazy(() => import('./routes/account/SingleSignOn')),
    nav: {
      value: 'singleSignOn',
      label: 'nav.singleSignOn',
      testId: 'nav-single-sign-on',
      group: 'account',
      audience: can(PERMISSIONS.identityProviderManage),
    },
  },
  {
    path: '/account/sign-in-policy',
    page: lazy(() => import('./routes/security/TenantMfaPolicy')),
    nav: { value: 'tenantMfaPolicy', label: 'security.nav.tenantPolicy', testId: 'nav-tenant-mfa-policy', group: 'account', audience: can(PERMISSIONS.mfaPolicyManage) },
  },
  {
    path: '/account/apps',
    page: lazy(() => import('./routes/account/Apps')),
    nav: { value: 'apps', label: 'apps.nav', testId: 'nav-apps', group: 'account', audience: can(PERMISSIONS.appsManage) },
  },

  // Integrations (EVT-1, EVT-2): the tenant's webhook endpoints, each with its delivery log (the
  // disabled-endpoint mail links to /integrations/webhooks/:id), and its change feed.
  {
    path: '/integrations/webhooks',
    page: lazy(() => import('./routes/integrations/Webhooks')),
    nav: { value: 'webhooks', label: 'integrations.nav.webhooks', testId: 'nav-webhooks', group: 'integrations', audience: can(PERMISSIONS.webhooksManage) },
  },
  { path: '/integrations/webhooks/:id', page: lazy(() => import('./routes/integrations/WebhookDetail')) },
  {
    path: '/integrations/events',
    page: lazy(() => import('./routes/integrations/Events')),
    nav: { value: 'events', label: 'integrations.nav.events', testId: 'nav-events', group: 'integrations', audience: can(PERMISSIONS.eventsRead) },
  },

  { path: '/profile', page: lazy(() => import('./routes/profile/Profile')), nav: { value: 'profile', label: 'nav.profile', testId: 'nav-profile', icon: PersonRegular } },
  {
    path: '/security',
    page: lazy(() => import('./routes/security/Security')),
    nav: { value: 'security', label: 'security.nav.security', testId: 'nav-security', icon: ShieldKeyholeRegular },
  },
  {
    path: '/audit',
    page: lazy(() => import('./routes/audit/AuditLog')),
    nav: { value: 'audit', label: 'nav.auditLog', testId: 'nav-audit', icon: DocumentBulletListClockRegular, audience: can(PERMISSIONS.auditRead) },
  },
  {
    path: '/notifications',
    page: lazy(() => import('./routes/notifications/Notifications')),
    nav: { value: 'notifications', label: 'nav.notifications', testId: 'nav-notifications', icon: AlertRegular, badge: 'unreadNotifications' },
  },
];

// ------------------------------------------------------------------------------------ navigation

/** A navigation entry with its address. */
export interface NavLink extends NavEntry {
  path: string;
}

/** One item of the drawer: a top-level entry, or a category with its entries. */
export type NavItemModel = { kind: 'entry'; entry: NavLink } | { kind: 'group'; id: NavGroupId; group: NavGroup; entries: NavLink[] };

const NAV_LINKS: readonly NavLink[] = PAGES.flatMap((page) => (page.nav ? [{ ...page.nav, path: page.path }] : []));

const sees = (me: Me | null | undefined, audience: Audience | undefined) => !audience || (!!me && audience(me));

/** The drawer's items for the signed-in user, in the order of PAGES; a category stands where its first entry does. */
export function navigationFor(me: Me | null | undefined): NavItemModel[] {
  const items: NavItemModel[] = [];
  const groups = new Map<NavGroupId, NavLink[]>();
  for (const link of NAV_LINKS) {
    if (!link.group) {
      if (sees(me, link.audience)) items.push({ kind: 'entry', entry: link });
      continue;
    }
    let entries = groups.get(link.group);
    if (!entries) {
      const group = NAV_GROUPS[link.group];
      if (!sees(me, group.audience)) continue;
      entries = [];
      groups.set(link.group, entries);
      items.push({ kind: 'group', id: link.group, group, entries });
    }
    if (sees(me, link.audience)) entries.push(link);
  }
  return items;
}

/** The navigation entry of an address: the entry whose path is the longest prefix of it. */
export function navEntryAt(pathname: string): NavLink | undefined {
  if (pathname === '/') return NAV_LINKS.find((link) => link.path === '/');
  return NAV_LINKS.filter((link) => link.path !== '/' && (pathname === link.path || pathname.startsWith(`${link.path}/`))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
