import { Badge, makeStyles, type BadgeProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Membership } from '@contracts/identity';
import { isKnownRole, roleNameKey } from '../roles';
import { useEnrollmentLabels } from '../labels';

const useStyles = makeStyles({
  roles: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
});

/** Localized program name; unknown programs are shown as sent by the server. */
export function useProgramName(): (program: string) => string {
  const { t } = useTranslation();
  return (program) => {
    switch (program) {
      case 'operator':
        return t('programs.operator');
      case 'indirectProvider':
        return t('programs.indirectProvider');
      case 'indirectReseller':
        return t('programs.indirectReseller');
      case 'publisher':
        return t('programs.publisher');
      case 'customer':
        return t('programs.customer');
      default:
        return program;
    }
  };
}

/** Localized membership status; unknown statuses are shown as sent by the server. */
export function useMembershipStatusName(): (status: string) => string {
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  return (status) => {
    switch (status) {
      case 'active':
        return t('membershipStatus.active');
      case 'pending':
        return t('membershipStatus.pending');
      case 'suspended':
        return t('membershipStatus.suspended');
      case 'rejected':
        return t('membershipStatus.rejected');
      case 'terminated':
        return t('membershipStatus.terminated');
      default:
        // A program membership follows its enrollment (draft, in review, verified …).
        return labels.status(status);
    }
  };
}

function membershipColor(status: string): BadgeProps['color'] {
  if (status === 'active') return 'success';
  if (status === 'verified') return 'brand';
  if (status === 'pending' || status === 'actionRequired' || status === 'emailVerificationPending') return 'warning';
  if (status === 'suspended' || status === 'rejected' || status === 'terminated') return 'danger';
  return 'informative';
}

/** An enrollment or program status as a colored badge (active stands out in green). */
export function EnrollmentStatusBadge({
  status,
  size = 'medium',
  'data-testid': testId,
}: {
  status: string;
  size?: BadgeProps['size'];
  'data-testid'?: string;
}) {
  const labels = useEnrollmentLabels();
  return (
    <Badge
      appearance={status === 'active' ? 'filled' : 'tint'}
      color={membershipColor(status)}
      size={size}
      data-status={status}
      data-testid={testId}
    >
      {labels.status(status)}
    </Badge>
  );
}

export function MembershipBadge({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const programName = useProgramName();
  const statusName = useMembershipStatusName();
  return (
    <Badge appearance="tint" color={membershipColor(membership.status)} data-testid={`membership-${membership.program}`}>
      {t('home.membership', { program: programName(membership.program), status: statusName(membership.status) })}
    </Badge>
  );
}

export function UserStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  if (state === 'active') {
    return (
      <Badge appearance="tint" color="success">
        {t('userState.active')}
      </Badge>
    );
  }
  if (state === 'inactive') {
    return (
      <Badge appearance="tint" color="subtle">
        {t('userState.inactive')}
      </Badge>
    );
  }
  return (
    <Badge appearance="tint" color="informative">
      {state}
    </Badge>
  );
}

/** Localized role names as badges (unknown roles are shown as sent by the server). */
export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (roles.length === 0) {
    return <span>{t('users.noRoles')}</span>;
  }
  return (
    <span className={styles.roles}>
      {roles.map((role) => (
        <Badge key={role} appearance="outline" color="brand" shape="rounded">
          {isKnownRole(role) ? t(roleNameKey(role)) : role}
        </Badge>
      ))}
    </span>
  );
}
