import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  AlertRegular,
  ArrowRightRegular,
  BuildingRegular,
  ClipboardTaskListLtrRegular,
  ShieldTaskRegular,
  DocumentBulletListClockRegular,
  PeopleSettingsRegular,
  PersonRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEnrollments } from '../../api/partner';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../format';
import { PERMISSIONS, canSeePartnerArea, hasPermission } from '../../permissions';
import { useMe } from '../../session';
import { MembershipBadge } from '../../components/StatusBadges';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: '16px' },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', alignItems: 'baseline', columnGap: '16px', rowGap: '8px', marginTop: '8px' },
  label: { color: tokens.colorNeutralForeground3 },
  tenantCard: { marginBottom: '24px', maxWidth: '720px' },
  memberships: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  shortcut: { cursor: 'pointer', height: '100%' },
  description: { color: tokens.colorNeutralForeground3 },
  enroll: {
    marginBottom: '24px',
    maxWidth: '720px',
    padding: '20px 24px',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: '12px',
    backgroundColor: tokens.colorBrandBackground2,
  },
});

/** A partner's organization with no enrollment yet: the first thing to do is to enroll, so the page says so first. */
function EnrollCallToAction() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enrollments = useEnrollments();
  if (!enrollments.data || enrollments.data.items.length > 0) return null;
  return (
    <Card className={styles.enroll} data-testid="home-enroll">
      <Subtitle1 as="h2">{t('enrollment.welcome.title')}</Subtitle1>
      <Body1>{t('home.enrollCallToAction')}</Body1>
      <Button
        as="a"
        href="/enrollment"
        appearance="primary"
        icon={<ArrowRightRegular />}
        iconPosition="after"
        onClick={(event) => {
          event.preventDefault();
          navigate('/enrollment');
        }}
        data-testid="home-enroll-start"
      >
        {t('enrollment.welcome.start')}
      </Button>
    </Card>
  );
}

interface Shortcut {
  key: string;
  path: string;
  icon: ReactElement;
  title: string;
  description: string;
}

export default function Home() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const { data: me } = useMe();
  if (!me) return null;

  const shortcuts: Shortcut[] = [];
  if (canSeePartnerArea(me)) {
    shortcuts.push({
      key: 'enrollment',
      path: '/enrollment',
      icon: <ClipboardTaskListLtrRegular fontSize={24} />,
      title: t('nav.enrollment'),
      description: t('home.enrollmentDescription'),
    });
    shortcuts.push({
      key: 'legalInfo',
      path: '/legal-info',
      icon: <BuildingRegular fontSize={24} />,
      title: t('nav.legalInfo'),
      description: t('home.legalInfoDescription'),
    });
  }
  if (hasPermission(me.permissions, PERMISSIONS.operatorEnrollmentsRead)) {
    shortcuts.push({
      key: 'reviewQueue',
      path: '/operator/enrollments',
      icon: <ShieldTaskRegular fontSize={24} />,
      title: t('nav.reviewQueue'),
      description: t('home.reviewQueueDescription'),
    });
  }
  if (hasPermission(me.permissions, PERMISSIONS.usersRead)) {
    shortcuts.push({
      key: 'users',
      path: '/account/users',
      icon: <PeopleSettingsRegular fontSize={24} />,
      title: t('nav.userManagement'),
      description: t('home.usersDescription'),
    });
  }
  shortcuts.push({
    key: 'profile',
    path: '/profile',
    icon: <PersonRegular fontSize={24} />,
    title: t('nav.profile'),
    description: t('home.profileDescription'),
  });
  if (hasPermission(me.permissions, PERMISSIONS.auditRead)) {
    shortcuts.push({
      key: 'audit',
      path: '/audit',
      icon: <DocumentBulletListClockRegular fontSize={24} />,
      title: t('nav.auditLog'),
      description: t('home.auditDescription'),
    });
  }
  shortcuts.push({
    key: 'notifications',
    path: '/notifications',
    icon: <AlertRegular fontSize={24} />,
    title: t('nav.notifications'),
    description: t('home.notificationsDescription'),
  });

  return (
    <div data-testid="home-page">
      <PageHeader title={t('home.welcome', { name: me.user.displayName })} description={t('home.subtitle')} />
      {canSeePartnerArea(me) && hasPermission(me.permissions, PERMISSIONS.enrollmentRead) ? <EnrollCallToAction /> : null}
      <Card className={styles.tenantCard}>
        <CardHeader
          image={<BuildingRegular fontSize={24} />}
          header={<Text weight="semibold">{t('home.organization')}</Text>}
        />
        <div className={styles.details}>
          <Caption1 className={styles.label}>{t('home.organizationName')}</Caption1>
          <Body1 data-testid="home-tenant-name">{me.tenant.name}</Body1>
          <Caption1 className={styles.label}>{t('home.country')}</Caption1>
          <Body1>{format.country(me.tenant.country)}</Body1>
          <Caption1 className={styles.label}>{t('home.primaryDomain')}</Caption1>
          <Body1>{me.tenant.primaryDomain}</Body1>
          <Caption1 className={styles.label}>{t('home.tenantId')}</Caption1>
          <Body1>{me.tenant.id}</Body1>
          <Caption1 className={styles.label}>{t('home.programs')}</Caption1>
          <div className={styles.memberships}>
            {me.memberships.length === 0 ? (
              <Body1>{t('home.noPrograms')}</Body1>
            ) : (
              me.memberships.map((membership) => (
                <MembershipBadge key={membership.program} membership={membership} />
              ))
            )}
          </div>
        </div>
      </Card>
      <div className={styles.grid}>
        {shortcuts.map((shortcut) => (
          <Card
            key={shortcut.key}
            className={styles.shortcut}
            onClick={() => navigate(shortcut.path)}
            data-testid={`home-shortcut-${shortcut.key}`}
          >
            <CardHeader
              image={shortcut.icon}
              header={<Text weight="semibold">{shortcut.title}</Text>}
              description={<Caption1 className={styles.description}>{shortcut.description}</Caption1>}
            />
          </Card>
        ))}
      </div>
    </div>
  );
}
