import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useChannelLabels } from '../channelLabels';

/** REL-4: whether the provider holds admin access to the reseller's tenant. */
export function AdminAccessBadge({ value, testId }: { value: string; testId?: string }) {
  const labels = useChannelLabels();
  return (
    <Badge appearance="tint" color={value === 'granted' ? 'success' : 'warning'} data-state={value} data-testid={testId}>
      {labels.adminAccess(value)}
    </Badge>
  );
}

function subscriptionColor(status: string): BadgeProps['color'] {
  if (status === 'active') return 'success';
  if (status === 'suspended') return 'warning';
  if (status === 'cancelled') return 'danger';
  // TRM-1: the term ended without a renewal.
  if (status === 'expired') return 'subtle';
  return 'informative';
}

/** ORD-4, TRM-1: a subscription's status (active, suspended, cancelled, expired). */
export function SubscriptionStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const labels = useChannelLabels();
  return (
    <Badge appearance="tint" color={subscriptionColor(status)} data-status={status} data-testid={testId}>
      {labels.subscriptionStatus(status)}
    </Badge>
  );
}

/** A delegated-admin relationship's status (approval pending, active, expired, terminated). */
export function DelegatedStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const labels = useChannelLabels();
  const color: BadgeProps['color'] = status === 'active' ? 'success' : status === 'approvalPending' ? 'warning' : 'subtle';
  return (
    <Badge appearance="tint" color={color} data-status={status} data-testid={testId}>
      {labels.delegatedStatus(status)}
    </Badge>
  );
}
