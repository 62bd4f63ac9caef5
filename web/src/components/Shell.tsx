import { Suspense, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import {
  Avatar,
  Button,
  Caption1,
  CounterBadge,
  Menu,
  MenuButton,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
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
import { MoreHorizontalRegular, NavigationRegular, SignOutRegular } from '@fluentui/react-icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NAV_GROUPS, navEntryAt, navigationFor, type NavBadge, type NavLink } from '../navigation';
import { useUnreadNotificationCount } from '../api/identity';
import { useFormat } from '../format';
import { useMe, useSignOut } from '../session';
import { BrandMark } from './BrandMark';
import { SkipLink } from './SkipLink';
import { Loading } from './Loading';
import { ErrorBar } from './ErrorBar';
import { AccountWarnings } from './AccountWarnings';
import { NARROW, useNarrow, visuallyHidden } from './narrow';

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
  brandName: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  spacer: { flexGrow: 1 },
  // Under 640 px the user and sign-out collapse into the top bar's menu.
  wide: { [NARROW]: { display: 'none' } },
  narrowOnly: { display: 'none', [NARROW]: { display: 'inline-flex' } },
  user: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0 },
  userText: { display: 'flex', flexDirection: 'column', lineHeight: '16px', minWidth: 0 },
  userTenant: { color: tokens.colorNeutralForeground3 },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  nav: { flexShrink: 0, height: '100%' },
  navHidden: { display: 'none' },
  column: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: 0 },
  main: { flexGrow: 1, overflow: 'auto', padding: '24px 32px', boxSizing: 'border-box', minWidth: 0, [NARROW]: { padding: '16px 12px' } },
  signOutError: { padding: '8px 16px' },
  navLabel: { display: 'flex', alignItems: 'center', gap: '8px', flexGrow: 1, minWidth: 0 },
  badge: { marginInlineStart: 'auto' },
  visuallyHidden,
});

/** A navigation entry's label with its count (NavEntry.badge); the count is read out as words, shown as a number. */
function NavLabel({ label, badge, testId }: { label: string; badge?: NavBadge; testId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const unread = useUnreadNotificationCount(badge === 'unreadNotifications').data ?? 0;
  if (!badge || unread === 0) return <>{label}</>;
  return (
    <span className={styles.navLabel}>
      {label}
      <CounterBadge className={styles.badge} count={unread} overflowCount={99} size="small" color="brand" aria-hidden="true" data-testid={`${testId}-badge`} />
      <span className={styles.visuallyHidden}>{t('notifications.unreadBadge', { formatted: format.number(unread) })}</span>
    </span>
  );
}

const NAV_GROUP_IDS = Object.keys(NAV_GROUPS);

/** Signed-in layout: top bar with brand, user and sign-out, and a role-aware left navigation. */
export function Shell({ children }: { children?: ReactNode }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const narrow = useNarrow();
  const [navOpen, setNavOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 768);
  // On a phone the navigation opens over the page from the menu button, and is closed otherwise.
  useEffect(() => {
    if (narrow) setNavOpen(false);
  }, [narrow]);

  const selected = navEntryAt(location.pathname);

  const go = (path: string) => (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    if (narrow) setNavOpen(false);
    navigate(path);
  };
  const subItem = (link: NavLink) => (
    <NavSubItem key={link.value} href={link.path} value={link.value} onClick={go(link.path)} data-testid={link.testId}>
      {t(link.label)}
    </NavSubItem>
  );

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => navigate('/signin', { replace: true }),
    });
  };

  return (
    <div className={styles.root}>
      <SkipLink />
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
        <a href="/" className={styles.brand} onClick={go('/')} data-testid="brand">
          <BrandMark />
          <Subtitle2 as="span" className={styles.brandName}>
            {t('app.brand')}
          </Subtitle2>
        </a>
        <div className={styles.spacer} />
        {me ? (
          <div className={mergeClasses(styles.user, styles.wide)}>
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
          className={styles.wide}
          data-testid="sign-out-button"
        >
          {t('shell.signOut')}
        </Button>
        <Menu positioning="below-end">
          <MenuTrigger disableButtonEnhancement>
            <Tooltip content={t('shell.menu')} relationship="label">
              <MenuButton appearance="subtle" icon={<MoreHorizontalRegular />} menuIcon={null} className={styles.narrowOnly} data-testid="top-bar-menu" />
            </Tooltip>
          </MenuTrigger>
          <MenuPopover>
            <MenuList data-testid="top-bar-menu-list">
              {me ? (
                <MenuGroup>
                  <MenuGroupHeader data-testid="top-bar-menu-user">
                    {me.user.displayName} · {me.tenant.name}
                  </MenuGroupHeader>
                </MenuGroup>
              ) : null}
              <MenuItem icon={<SignOutRegular />} onClick={onSignOut} disabled={signOut.isPending} data-testid="top-bar-menu-sign-out">
                {t('shell.signOut')}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </header>
      {signOut.error ? (
        <div className={styles.signOutError}>
          <ErrorBar error={signOut.error} />
        </div>
      ) : null}
      <div className={styles.body}>
        <NavDrawer
          open={navOpen}
          type={narrow ? 'overlay' : 'inline'}
          onOpenChange={(_event, data) => setNavOpen(data.open)}
          selectedValue={selected?.value ?? ''}
          selectedCategoryValue={selected?.group ?? ''}
          defaultOpenCategories={NAV_GROUP_IDS}
          className={mergeClasses(styles.nav, !navOpen && styles.navHidden)}
          aria-label={t('shell.navigationLabel')}
          data-testid="left-nav"
        >
          <NavDrawerBody>
            {navigationFor(me).map((item) => {
              if (item.kind === 'group') {
                const { id, group, entries } = item;
                const Icon = group.icon;
                return (
                  <NavCategory key={id} value={id}>
                    <NavCategoryItem icon={<Icon fontSize={20} />} data-testid={group.testId}>
                      {t(group.label)}
                    </NavCategoryItem>
                    <NavSubItemGroup>{entries.map(subItem)}</NavSubItemGroup>
                  </NavCategory>
                );
              }
              const { entry } = item;
              const Icon = entry.icon;
              return (
                <NavItem
                  key={entry.value}
                  href={entry.path}
                  value={entry.value}
                  icon={Icon ? <Icon fontSize={20} /> : undefined}
                  onClick={go(entry.path)}
                  data-testid={entry.testId}
                >
                  <NavLabel label={t(entry.label)} badge={entry.badge} testId={entry.testId} />
                </NavItem>
              );
            })}
          </NavDrawerBody>
        </NavDrawer>
        <div className={styles.column}>
          <AccountWarnings />
          <main id="main" tabIndex={-1} className={styles.main} data-testid="main-content">
            <Suspense fallback={<Loading />}>
              {children ?? <Outlet />}
            </Suspense>
          </main>
        </div>
      </div>
    </div>
  );
}
