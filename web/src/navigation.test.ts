// @vitest-environment node
// The portal's one declaration of its pages: the router and the navigation are built from it, so its
// entries must be unambiguous, labelled in every language, and shown to the tenants they are for.
import { describe, expect, it } from 'vitest';
import type { Me } from '@contracts/identity';
import { resources } from './i18n';
import { NAV_GROUPS, PAGES, navEntryAt, navigationFor, type NavItemModel } from './navigation';
import { PERMISSIONS } from './permissions';

function me(programs: string[], permissions: string[]): Me {
  return {
    user: { id: 'u1', displayName: 'Ana', email: 'ana@example.com', roles: [], language: 'en', mustChangePassword: false },
    tenant: { id: 't1', name: 'Contoso' },
    memberships: programs.map((program) => ({ program, status: 'active' })),
    permissions,
    warnings: [],
  } as unknown as Me;
}

/** The drawer as test ids, a category followed by its entries in brackets. */
function drawer(items: NavItemModel[]): string[] {
  return items.map((item) => (item.kind === 'entry' ? item.entry.testId : `${item.group.testId}[${item.entries.map((entry) => entry.testId).join(' ')}]`));
}

function lookup(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('navigation', () => {
  const entries = PAGES.flatMap((page) => (page.nav ? [page.nav] : []));

  it('declares each address, navigation value and test id once', () => {
    const paths = PAGES.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(entries.map((entry) => entry.value)).size).toBe(entries.length);
    const testIds = [...entries.map((entry) => entry.testId), ...Object.values(NAV_GROUPS).map((group) => group.testId)];
    expect(new Set(testIds).size).toBe(testIds.length);
  });

  it('puts navigation entries only on pages in the shell, top-level ones with an icon', () => {
    for (const page of PAGES.filter((item) => item.nav)) {
      expect(page.access ?? 'shell', page.path).toBe('shell');
      expect(!!page.nav!.icon, page.path).toBe(!page.nav!.group);
    }
  });

  it('labels every entry and category in every language', () => {
    const labels = [...entries.map((entry) => entry.label), ...Object.values(NAV_GROUPS).map((group) => group.label)];
    for (const [language, resource] of Object.entries(resources)) {
      const missing = labels.filter((label) => typeof lookup(resource.translation, label) !== 'string');
      expect(missing, language).toEqual([]);
    }
  });

  it('shows a signed-out or permission-less user only what everyone sees', () => {
    expect(drawer(navigationFor(null))).toEqual(['nav-home', 'nav-profile', 'nav-security', 'nav-notifications']);
    expect(drawer(navigationFor(me(['indirectReseller'], [])))).toEqual(['nav-home', 'nav-profile', 'nav-security', 'nav-notifications']);
  });

  it("shows the operator's program operations in one category, and no partner pages", () => {
    const operator = me(['operator'], [
      PERMISSIONS.operatorEnrollmentsRead,
      PERMISSIONS.operatorSettingsRead,
      PERMISSIONS.operatorSettingsManage,
      PERMISSIONS.operatorSupportRequests,
      PERMISSIONS.partnerProfileRead,
      PERMISSIONS.publisherEnroll,
      PERMISSIONS.usersRead,
      PERMISSIONS.auditRead,
    ]);
    expect(drawer(navigationFor(operator))).toEqual([
      'nav-home',
      'nav-operator[nav-review-queue nav-holidays nav-operator-agreements nav-company-registry nav-markets nav-products nav-operator-support-requests nav-operator-mfa]',
      'nav-account-settings[nav-users]',
      'nav-profile',
      'nav-security',
      'nav-audit',
      'nav-notifications',
    ]);
    // A reviewer reads the queue only; the category shows with what it may open.
    expect(drawer(navigationFor(me(['operator'], [PERMISSIONS.operatorEnrollmentsRead])))).toEqual([
      'nav-home',
      'nav-operator[nav-review-queue]',
      'nav-profile',
      'nav-security',
      'nav-notifications',
    ]);
  });

  it('shows a tenant that is both indirect provider and reseller the pages of both, in the declared order', () => {
    const partner = me(['indirectProvider', 'indirectReseller'], [
      PERMISSIONS.partnerProfileRead,
      PERMISSIONS.relationshipsRead,
      PERMISSIONS.customersRead,
      PERMISSIONS.commerceRead,
      PERMISSIONS.publisherEnroll,
      PERMISSIONS.cspOffers,
      PERMISSIONS.usersRead,
      PERMISSIONS.identityProviderManage,
    ]);
    expect(drawer(navigationFor(partner))).toEqual([
      'nav-home',
      'nav-enrollment',
      'nav-legal-info',
      'nav-locations',
      'nav-agreements',
      'nav-find-provider',
      'nav-indirect-providers',
      'nav-indirect-resellers',
      'nav-customers',
      'nav-become-publisher',
      'nav-csp-offers',
      'nav-account-settings[nav-users nav-security-groups nav-single-sign-on]',
      'nav-profile',
      'nav-security',
      'nav-notifications',
    ]);
    // An active publisher has its offers and support requests instead of the way to become one (MKP).
    const publisher = me(['indirectProvider', 'publisher'], [PERMISSIONS.publisherEnroll, PERMISSIONS.offersRead, PERMISSIONS.supportRequestsRead]);
    expect(drawer(navigationFor(publisher))).toEqual(['nav-home', 'nav-marketplace-offers', 'nav-support-requests', 'nav-profile', 'nav-security', 'nav-notifications']);
  });

  it('shows price lists to the operator and repricing to providers and resellers who manage pricing (PRC-1, PRC-2)', () => {
    expect(drawer(navigationFor(me(['operator'], [PERMISSIONS.operatorEnrollmentsRead, PERMISSIONS.priceListsRead])))).toEqual([
      'nav-home',
      'nav-operator[nav-review-queue nav-price-lists]',
      'nav-profile',
      'nav-security',
      'nav-notifications',
    ]);
    for (const program of ['indirectProvider', 'indirectReseller']) {
      expect(drawer(navigationFor(me([program], [PERMISSIONS.pricingManage])))).toContain('nav-repricing');
      expect(drawer(navigationFor(me([program], [PERMISSIONS.customersRead])))).not.toContain('nav-repricing');
    }
    // A customer's tenant never reprices, whatever it holds.
    expect(drawer(navigationFor(me(['customer'], [PERMISSIONS.pricingManage])))).not.toContain('nav-repricing');
    expect(navEntryAt('/operator/price-lists')).toMatchObject({ value: 'priceLists', group: 'operator' });
  });

  it("shows a customer's tenant its partners and subscriptions, never the partners' pages", () => {
    const customer = me(['customer'], [
      PERMISSIONS.customersRead,
      PERMISSIONS.commerceRead,
      PERMISSIONS.partnerProfileRead,
      PERMISSIONS.publisherEnroll,
      PERMISSIONS.relationshipsRead,
    ]);
    expect(drawer(navigationFor(customer))).toEqual(['nav-home', 'nav-partner-relationships', 'nav-customer-subscriptions', 'nav-profile', 'nav-security', 'nav-notifications']);
  });

  it('shows the billing category, its home, invoices, credit, aging, unbilled charges, reconciliation exports and billing profile, to whoever reads billing (BIL)', () => {
    const billingAdmin = me(['indirectReseller'], [PERMISSIONS.billingRead]);
    expect(drawer(navigationFor(billingAdmin))).toEqual([
      'nav-home',
      'nav-billing[nav-billing-home nav-invoices nav-billing-credit nav-billing-aging nav-billing-unbilled nav-reconciliation-exports nav-billing-profile]',
      'nav-profile',
      'nav-security',
      'nav-notifications',
    ]);
    // Providers and the operator give credit (BIL-4) and read it on the same page.
    expect(drawer(navigationFor(me(['indirectProvider'], [PERMISSIONS.billingRead, PERMISSIONS.billingManage])))).toContain(
      'nav-billing[nav-billing-home nav-invoices nav-billing-credit nav-billing-aging nav-billing-unbilled nav-reconciliation-exports nav-billing-profile]',
    );
    expect(drawer(navigationFor(me(['operator'], [PERMISSIONS.billingRead])))).toContain(
      'nav-billing[nav-billing-home nav-invoices nav-billing-credit nav-billing-aging nav-billing-unbilled nav-reconciliation-exports nav-billing-profile]',
    );
    // A customer's billing reader reads the statements it received the same way; it is given no credit.
    expect(drawer(navigationFor(me(['customer'], [PERMISSIONS.billingRead])))).toContain(
      'nav-billing[nav-billing-home nav-invoices nav-billing-aging nav-billing-unbilled nav-reconciliation-exports nav-billing-profile]',
    );
    // Without billing.read there is no category at all.
    expect(drawer(navigationFor(me(['indirectReseller'], [PERMISSIONS.customersRead]))).join(' ')).not.toContain('nav-billing');
    expect(navEntryAt('/billing')).toMatchObject({ value: 'billingHome', group: 'billing' });
    expect(navEntryAt('/billing/reconciliation')).toMatchObject({ value: 'reconciliationExports', group: 'billing' });
    expect(navEntryAt('/billing/credit')).toMatchObject({ value: 'credit', group: 'billing' });
    expect(navEntryAt('/billing/aging')).toMatchObject({ value: 'aging', group: 'billing' });
    expect(navEntryAt('/billing/unbilled')).toMatchObject({ value: 'unbilledCharges', group: 'billing' });
    expect(navEntryAt('/invoices/i1')).toMatchObject({ value: 'invoices', group: 'billing' });
    expect(navEntryAt('/billing/profile')).toMatchObject({ value: 'billingProfile', group: 'billing' });
  });

  it('shows the integrations category, webhooks and events, to whoever manages webhooks or reads events (EVT-1, EVT-2)', () => {
    const admin = me(['indirectReseller'], [PERMISSIONS.usersRead, PERMISSIONS.appsManage, PERMISSIONS.webhooksManage, PERMISSIONS.eventsRead]);
    expect(drawer(navigationFor(admin))).toEqual([
      'nav-home',
      'nav-account-settings[nav-users nav-security-groups nav-apps]',
      'nav-integrations[nav-webhooks nav-events]',
      'nav-profile',
      'nav-security',
      'nav-notifications',
    ]);
    // An admin agent reads the feed but manages no endpoints; without either permission there is no category.
    expect(drawer(navigationFor(me(['customer'], [PERMISSIONS.eventsRead])))).toContain('nav-integrations[nav-events]');
    expect(drawer(navigationFor(me(['indirectReseller'], [PERMISSIONS.usersRead]))).join(' ')).not.toContain('nav-integrations');
    // The disabled-endpoint mail links to an endpoint's page, under Webhooks.
    expect(navEntryAt('/integrations/webhooks/e1')).toMatchObject({ value: 'webhooks', group: 'integrations' });
    expect(navEntryAt('/integrations/events')).toMatchObject({ value: 'events', group: 'integrations' });
  });

  it("selects the entry of a page reached from it (the longest declared prefix)", () => {
    expect(navEntryAt('/')?.value).toBe('home');
    expect(navEntryAt('/operator/enrollments/e1')?.value).toBe('reviewQueue');
    expect(navEntryAt('/operator/support-requests')).toMatchObject({ value: 'operatorSupportRequests', group: 'operator' });
    expect(navEntryAt('/marketplace/offers/o1')?.value).toBe('offers');
    expect(navEntryAt('/marketplace/support-requests/new')?.value).toBe('supportRequests');
    expect(navEntryAt('/relationships/resellers/t2/users')?.value).toBe('indirectResellers');
    expect(navEntryAt('/customers/c1/order')?.value).toBe('customers');
    expect(navEntryAt('/customers/c1/subscriptions/s1')?.value).toBe('customers');
    expect(navEntryAt('/subscriptions/s1')?.value).toBe('customerSubscriptions');
    expect(navEntryAt('/account/single-sign-on')).toMatchObject({ value: 'singleSignOn', group: 'account' });
    expect(navEntryAt('/customersx')).toBeUndefined();
    expect(navEntryAt('/delegated-admin/approve')).toBeUndefined();
  });
});
