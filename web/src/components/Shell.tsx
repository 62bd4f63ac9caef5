import { Suspense, useState, type MouseEvent, type ReactNode } from 'react';
import {
  Avatar,
  Button,
  Caption1,
  NavCategory,
  NavCategoryItem,
  NavDrawer,
  NavDrawerBody,
  NavItem,
  NavSubItem,
  NavSubItemGroup,
  Subtitle2,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  AlertRegular,
  BuildingRegular,
  ClipboardTaskListLtrRegular,
  DocumentBulletListClockRegular,
  DocumentSignatureRegular,
  GlobeSearchRegular,
  HandshakeRegular,
  HomeRegular,
  BuildingMultipleRegular,
  LocationRegular,
  NavigationRegular,
  PeopleSettingsRegular,
  PeopleTeamRegular,
  PersonRegular,
  ReceiptRegular,
  ShieldTaskRegular,
  SignOutRegular,
} from '@fluentui/react-icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, canSeePartnerArea, hasPermission, isCustomerTenant, isProviderTenant, isResellerTenant } from '../permissions';
import { useMe, useSignOut } from '../session';
import { BrandMark } from './BrandMark';
import { Loading } from './Loading';
import { ErrorBar } from './ErrorBar';
import { AccountWarnings } from './AccountWarnings';
import { MarketplaceNavItems, OperatorMarketplaceNavItems, marketplaceNavValue } from '../routes/marketplace/nav';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  topBar: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    height: '48px',
    flexShrink: 0,
    paddingInline: '12px 16px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
  },
  spacer: { flexGrow: 1 },
  user: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0 },
  userText: { display: 'flex', flexDirection: 'column', lineHeight: '16px', minWidth: 0 },
  userTenant: { color: tokens.colorNeutralForeground3 },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  nav: { flexShrink: 0, height: '100%' },
  navHidden: { display: 'none' },
  column: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: 0 },
  main: { flexGrow: 1, overflow: 'auto', padding: '24px 32px', boxSizing: 'border-box', minWidth: 0 },
  signOutError: { padding: '8px 16px' },
});

type NavValue =
  | 'home'
  | 'users'
  | 'singleSignOn'
  | 'profile'
  | 'audit'
  | 'notifications'
  | 'enrollment'
  | 'legalInfo'
  | 'locations'
  | 'agreements'
  | 'reviewQueue'
  | 'holidays'
  | 'operatorAgreements'
  | 'companyRegistry'
  | 'markets'
  | 'findProvider'
  | 'indirectProviders'
  | 'indirectResellers'
  | 'customers'
  | 'partnerRelationships'
  | 'customerSubscriptions'
  | 'products';

const NAV_PATHS: Record<NavValue, string> = {
  home: '/',
  users: '/account/users',
  singleSignOn: '/account/single-sign-on',
  profile: '/profile',
  audit: '/audit',
  notifications: '/notifications',
  enrollment: '/enrollment',
  legalInfo: '/legal-info',
  locations: '/locations',
  agreements: '/agreements',
  reviewQueue: '/operator/enrollments',
  holidays: '/operator/holidays',
  operatorAgreements: '/operator/agreements',
  companyRegistry: '/operator/company-registry',
  markets: '/operator/markets',
  findProvider: '/relationships/directory',
  indirectProviders: '/relationships/providers',
  indirectResellers: '/relationships/resellers',
  customers: '/customers',
  partnerRelationships: '/partner-relationships',
  customerSubscriptions: '/subscriptions',
  products: '/operator/products',
};

const OPERATOR_NAV: readonly NavValue[] = ['reviewQueue', 'holidays', 'operatorAgreements', 'companyRegistry', 'markets', 'products'];

function selectedNav(pathname: string): NavValue | undefined {
  if (pathname === '/') return 'home';
  const match = (Object.entries(NAV_PATHS) as [NavValue, string][])
    .filter(([, path]) => path !== '/' && (pathname === path || pathname.startsWith(`${path}/`)))
    .sort((a, b) => b[1].length - a[1].length)[0];
  return match?.[0];
}

function selectedCategory(selected: NavValue | undefined): string {
  if (selected === 'users' || selected === 'singleSignOn') return 'account';
  if (selected && OPERATOR_NAV.includes(selected)) return 'operator';
  return '';
}

/** Signed-in layout: top bar with brand, user and sign-out, and a role-aware left navigation. */
export function Shell({ children }: { children?: ReactNode }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const [navOpen, setNavOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 768);

  const permissions = me?.permissions ?? [];
  const canReadUsers = hasPermission(permissions, PERMISSIONS.usersRead);
  const canManageSso = hasPermission(permissions, PERMISSIONS.identityProviderManage);
  const canReadAudit = hasPermission(permissions, PERMISSIONS.auditRead);
  const showPartner = canSeePartnerArea(me);
  const canReviewEnrollments = hasPermission(permissions, PERMISSIONS.operatorEnrollmentsRead);
  const canReadSettings = hasPermission(permissions, PERMISSIONS.operatorSettingsRead);
  const canManageSettings = hasPermission(permissions, PERMISSIONS.operatorSettingsManage);
  const canReadRelationships = hasPermission(permissions, PERMISSIONS.relationshipsRead);
  // Provider pages for indirect providers, reseller pages for indirect resellers (a tenant can be both).
  const isProvider = isProviderTenant(me?.memberships);
  const isReseller = isResellerTenant(me?.memberships);
  const isCustomer = isCustomerTenant(me?.memberships);
  const canReadCustomers = hasPermission(permissions, PERMISSIONS.customersRead);
  const canReadCommerce = hasPermission(permissions, PERMISSIONS.commerceRead);
  const selected = selectedNav(location.pathname);

  const go = (value: NavValue) => (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(NAV_PATHS[value]);
  };

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => navigate('/signin', { replace: true }),
    });
  };

  return (
    <div className={styles.root}>
      <header className={styles.topBar} data-testid="top-bar">
        <Tooltip content={t('shell.toggleNavigation')} relationship="label">
          <Button
            appearance="subtle"
            icon={<NavigationRegular />}
            onClick={() => setNavOpen((open) => !open)}
            aria-expanded={navOpen}
            data-testid="nav-toggle"
          />
        </Tooltip>
        <a href="/" className={styles.brand} onClick={go('home')} data-testid="brand">
          <BrandMark />
          <Subtitle2 as="span">{t('app.brand')}</Subtitle2>
        </a>
        <div className={styles.spacer} />
        {me ? (
          <div className={styles.user}>
            <Avatar name={me.user.displayName} size={28} color="colorful" aria-hidden="true" />
            <div className={styles.userText}>
              <Text weight="semibold" truncate wrap={false} data-testid="top-bar-user-name">
                {me.user.displayName}
              </Text>
              <Caption1 className={styles.userTenant} truncate wrap={false}>
                {me.tenant.name}
              </Caption1>
            </div>
          </div>
        ) : null}
        <Button
          appearance="subtle"
          icon={<SignOutRegular />}
          onClick={onSignOut}
          disabled={signOut.isPending}
          data-testid="sign-out-button"
        >
          {t('shell.signOut')}
        </Button>
      </header>
      {signOut.error ? (
        <div className={styles.signOutError}>
          <ErrorBar error={signOut.error} />
        </div>
      ) : null}
      <div className={styles.body}>
        <NavDrawer
          open={navOpen}
          type="inline"
          selectedValue={selected ?? marketplaceNavValue(location.pathname) ?? ''}
          selectedCategoryValue={selectedCategory(selected)}
          defaultOpenCategories={['account', 'operator']}
          className={mergeClasses(styles.nav, !navOpen && styles.navHidden)}
          aria-label={t('shell.navigationLabel')}
          data-testid="left-nav"
        >
          <NavDrawerBody>
            <NavItem href="/" value="home" icon={<HomeRegular fontSize={20} />} onClick={go('home')} data-testid="nav-home">
              {t('nav.home')}
            </NavItem>
            {showPartner ? (
              <>
                <NavItem
                  href={NAV_PATHS.enrollment}
                  value="enrollment"
                  icon={<ClipboardTaskListLtrRegular fontSize={20} />}
                  onClick={go('enrollment')}
                  data-testid="nav-enrollment"
                >
                  {t('nav.enrollment')}
                </NavItem>
                <NavItem
                  href={NAV_PATHS.legalInfo}
                  value="legalInfo"
                  icon={<BuildingRegular fontSize={20} />}
                  onClick={go('legalInfo')}
                  data-testid="nav-legal-info"
                >
                  {t('nav.legalInfo')}
                </NavItem>
                <NavItem
                  href={NAV_PATHS.locations}
                  value="locations"
                  icon={<LocationRegular fontSize={20} />}
                  onClick={go('locations')}
                  data-testid="nav-locations"
                >
                  {t('nav.locations')}
                </NavItem>
                <NavItem
                  href={NAV_PATHS.agreements}
                  value="agreements"
                  icon={<DocumentSignatureRegular fontSize={20} />}
                  onClick={go('agreements')}
                  data-testid="nav-agreements"
                >
                  {t('nav.agreements')}
                </NavItem>
              </>
            ) : null}
            {isReseller && canReadRelationships ? (
              <>
                <NavItem
                  href={NAV_PATHS.findProvider}
                  value="findProvider"
                  icon={<GlobeSearchRegular fontSize={20} />}
                  onClick={go('findProvider')}
                  data-testid="nav-find-provider"
                >
                  {t('nav.findProvider')}
                </NavItem>
                <NavItem
                  href={NAV_PATHS.indirectProviders}
                  value="indirectProviders"
                  icon={<HandshakeRegular fontSize={20} />}
                  onClick={go('indirectProviders')}
                  data-testid="nav-indirect-providers"
                >
                  {t('nav.indirectProviders')}
                </NavItem>
              </>
            ) : null}
            {isProvider && canReadRelationships ? (
              <NavItem
                href={NAV_PATHS.indirectResellers}
                value="indirectResellers"
                icon={<PeopleTeamRegular fontSize={20} />}
                onClick={go('indirectResellers')}
                data-testid="nav-indirect-resellers"
              >
                {t('nav.indirectResellers')}
              </NavItem>
            ) : null}
            {(isProvider || isReseller) && canReadCustomers ? (
              <NavItem
                href={NAV_PATHS.customers}
                value="customers"
                icon={<BuildingMultipleRegular fontSize={20} />}
                onClick={go('customers')}
                data-testid="nav-customers"
              >
                {t('nav.customers')}
              </NavItem>
            ) : null}
            {isCustomer && canReadCustomers ? (
              <NavItem
                href={NAV_PATHS.partnerRelationships}
                value="partnerRelationships"
                icon={<HandshakeRegular fontSize={20} />}
                onClick={go('partnerRelationships')}
                data-testid="nav-partner-relationships"
              >
                {t('nav.partnerRelationships')}
              </NavItem>
            ) : null}
            {isCustomer && canReadCommerce ? (
              <NavItem
                href={NAV_PATHS.customerSubscriptions}
                value="customerSubscriptions"
                icon={<ReceiptRegular fontSize={20} />}
                onClick={go('customerSubscriptions')}
                data-testid="nav-customer-subscriptions"
              >
                {t('nav.customerSubscriptions')}
              </NavItem>
            ) : null}
            <MarketplaceNavItems />
            {canReviewEnrollments || canReadSettings ? (
              <NavCategory value="operator">
                <NavCategoryItem icon={<ShieldTaskRegular fontSize={20} />} data-testid="nav-operator">
                  {t('nav.operator')}
                </NavCategoryItem>
                <NavSubItemGroup>
                  {canReviewEnrollments ? (
                    <NavSubItem href={NAV_PATHS.reviewQueue} value="reviewQueue" onClick={go('reviewQueue')} data-testid="nav-review-queue">
                      {t('nav.reviewQueue')}
                    </NavSubItem>
                  ) : null}
                  {canReadSettings ? (
                    <NavSubItem href={NAV_PATHS.holidays} value="holidays" onClick={go('holidays')} data-testid="nav-holidays">
                      {t('nav.holidays')}
                    </NavSubItem>
                  ) : null}
                  {canReadSettings ? (
                    <NavSubItem
                      href={NAV_PATHS.operatorAgreements}
                      value="operatorAgreements"
                      onClick={go('operatorAgreements')}
                      data-testid="nav-operator-agreements"
                    >
                      {t('nav.operatorAgreements')}
                    </NavSubItem>
                  ) : null}
                  {canReadSettings ? (
                    <NavSubItem
                      href={NAV_PATHS.companyRegistry}
                      value="companyRegistry"
                      onClick={go('companyRegistry')}
                      data-testid="nav-company-registry"
                    >
                      {t('nav.companyRegistry')}
                    </NavSubItem>
                  ) : null}
                  {canManageSettings ? (
                    <NavSubItem href={NAV_PATHS.markets} value="markets" onClick={go('markets')} data-testid="nav-markets">
                      {t('nav.markets')}
                    </NavSubItem>
                  ) : null}
                  {canManageSettings ? (
                    <NavSubItem href={NAV_PATHS.products} value="products" onClick={go('products')} data-testid="nav-products">
                      {t('nav.products')}
                    </NavSubItem>
                  ) : null}
                  <OperatorMarketplaceNavItems />
                </NavSubItemGroup>
              </NavCategory>
            ) : null}
            {canReadUsers ? (
              <NavCategory value="account">
                <NavCategoryItem icon={<PeopleSettingsRegular fontSize={20} />} data-testid="nav-account-settings">
                  {t('nav.accountSettings')}
                </NavCategoryItem>
                <NavSubItemGroup>
                  <NavSubItem href="/account/users" value="users" onClick={go('users')} data-testid="nav-users">
                    {t('nav.userManagement')}
                  </NavSubItem>
                  {canManageSso ? (
                    <NavSubItem href={NAV_PATHS.singleSignOn} value="singleSignOn" onClick={go('singleSignOn')} data-testid="nav-single-sign-on">
                      {t('nav.singleSignOn')}
                    </NavSubItem>
                  ) : null}
                </NavSubItemGroup>
              </NavCategory>
            ) : null}
            <NavItem
              href="/profile"
              value="profile"
              icon={<PersonRegular fontSize={20} />}
              onClick={go('profile')}
              data-testid="nav-profile"
            >
              {t('nav.profile')}
            </NavItem>
            {canReadAudit ? (
              <NavItem
                href="/audit"
                value="audit"
                icon={<DocumentBulletListClockRegular fontSize={20} />}
                onClick={go('audit')}
                data-testid="nav-audit"
              >
                {t('nav.auditLog')}
              </NavItem>
            ) : null}
            <NavItem
              href="/notifications"
              value="notifications"
              icon={<AlertRegular fontSize={20} />}
              onClick={go('notifications')}
              data-testid="nav-notifications"
            >
              {t('nav.notifications')}
            </NavItem>
          </NavDrawerBody>
        </NavDrawer>
        <div className={styles.column}>
          <AccountWarnings />
          <main className={styles.main} data-testid="main-content">
            <Suspense fallback={<Loading />}>
              {children ?? <Outlet />}
            </Suspense>
          </main>
        </div>
      </div>
    </div>
  );
}
