// BIL-4: where a document stands — open (a balance, not yet due), overdue, paid — or issued (a credit note).
import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useInvoiceLabels } from './labels';

function statusColor(status: string): BadgeProps['color'] {
  if (status === 'overdue') return 'danger';
  if (status === 'paid') return 'success';
  if (status === 'open') return 'warning';
  return 'informative';
}

export function InvoiceStatusBadge({ status, 'data-testid': testId }: { status: string; 'data-testid'?: string }) {
  const labels = useInvoiceLabels();
  return (
    <Badge appearance={status === 'overdue' ? 'filled' : 'tint'} color={statusColor(status)} data-status={status} data-testid={testId}>
      {labels.status(status)}
    </Badge>
  );
}
