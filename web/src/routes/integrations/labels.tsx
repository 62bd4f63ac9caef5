// Localized names and badges of integrations: an endpoint's status and why it was disabled, a delivery's
// status, an event's description (the portal's own text where it has one, else the server's), and JSON
// shown as it is (a payload, a resource).
import { useMemo } from 'react';
import { Badge, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery, WebhookEndpoint } from '@contracts/integrations';

const named = (names: Record<string, string>) => (value: string) => (Object.hasOwn(names, value) ? names[value]! : value);

export function useIntegrationLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      endpointStatus: named({ active: t('integrations.status.active'), disabled: t('integrations.status.disabled') }),
      disabledReason: named({ failing: t('integrations.disabledReason.failing'), manual: t('integrations.disabledReason.manual') }),
      deliveryStatus: named({
        pending: t('integrations.deliveryStatus.pending'),
        succeeded: t('integrations.deliveryStatus.succeeded'),
        failed: t('integrations.deliveryStatus.failed'),
      }),
      /** The portal's description of an event, or the server's for an event it does not know yet. */
      eventDescription: (name: string, fallback: string) => t(`integrations.eventTypes.${name}`, { defaultValue: fallback }),
    }),
    [t, i18n.language],
  );
}

function endpointColor(endpoint: Pick<WebhookEndpoint, 'status' | 'failingSince'>): BadgeProps['color'] {
  if (endpoint.status === 'disabled') return 'danger';
  return endpoint.failingSince ? 'warning' : 'success';
}

export function EndpointStatusBadge({ endpoint, 'data-testid': testId }: { endpoint: Pick<WebhookEndpoint, 'status' | 'failingSince'>; 'data-testid'?: string }) {
  const labels = useIntegrationLabels();
  return (
    <Badge appearance="tint" color={endpointColor(endpoint)} data-status={endpoint.status} data-testid={testId}>
      {labels.endpointStatus(endpoint.status)}
    </Badge>
  );
}

function deliveryColor(status: string): BadgeProps['color'] {
  if (status === 'succeeded') return 'success';
  if (status === 'failed') return 'danger';
  return 'informative';
}

export function DeliveryStatusBadge({ status, 'data-testid': testId }: { status: WebhookDelivery['status']; 'data-testid'?: string }) {
  const labels = useIntegrationLabels();
  return (
    <Badge appearance="tint" color={deliveryColor(status)} data-status={status} data-testid={testId}>
      {labels.deliveryStatus(status)}
    </Badge>
  );
}

const useStyles = makeStyles({
  pre: {
    margin: 0,
    padding: '8px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    maxHeight: '360px',
    overflow: 'auto',
  },
});

/** A value as indented JSON (a text that is not JSON is shown as it is). */
export function JsonBlock({ value, label, testId }: { value: unknown; label: string; testId?: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const text = value === null || value === undefined ? t('common.emptyValue') : typeof value === 'string' ? prettyText(value) : JSON.stringify(value, null, 2);
  return (
    // Focusable, so that a keyboard can scroll a long document.
    <pre className={styles.pre} tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      {text}
    </pre>
  );
}

/** A text that holds JSON, indented; any other text as it is. */
function prettyText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
