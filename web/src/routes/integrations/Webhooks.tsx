// EVT-2: the tenant's webhook endpoints: each one's URL and description, the events it takes, where it
// stands (active, failing since, disabled and why), and what can be done to it; adding one shows its
// signing secret once. Each opens its own page with its delivery log.
import { useState } from 'react';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpoint } from '@contracts/integrations';
import { useWebhookEndpoints } from '../../api/integrations';
import { AppLink } from '../../components/AppLink';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { EndpointActions, EndpointFormDialog } from './EndpointDialogs';
import { EndpointStatusBadge, useIntegrationLabels } from './labels';

const useStyles = makeStyles({
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, overflowX: 'auto' },
  table: { minWidth: '900px' },
  empty: { padding: '24px', color: tokens.colorNeutralForeground3 },
  stack: { display: 'flex', flexDirection: 'column', gap: '2px', alignItems: 'flex-start' },
  url: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  secondary: { color: tokens.colorNeutralForeground3 },
  events: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-word' },
});

/** The path of an endpoint's page (the disabled-endpoint mail links to it as well). */
export const endpointPagePath = (id: string) => `/integrations/webhooks/${encodeURIComponent(id)}`;

/** The events an endpoint takes: their names, or that it takes every event. */
export function EndpointEvents({ endpoint }: { endpoint: Pick<WebhookEndpoint, 'eventTypes'> }) {
  const styles = useStyles();
  const { t } = useTranslation();
  if (endpoint.eventTypes.length === 0) return <Text>{t('integrations.allEvents')}</Text>;
  return <span className={styles.events}>{endpoint.eventTypes.join(', ')}</span>;
}

function WebhooksContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useIntegrationLabels();
  const endpoints = useWebhookEndpoints();
  const [adding, setAdding] = useState(false);

  const header = (
    <PageHeader
      title={t('integrations.webhooks.title')}
      description={t('integrations.webhooks.description')}
      actions={
        <Button appearance="primary" icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="add-endpoint">
          {t('integrations.webhooks.add')}
        </Button>
      }
    />
  );
  if (endpoints.error) return <>{header}<ErrorBar error={endpoints.error} testId="endpoints-error" /></>;
  if (endpoints.isPending) return <>{header}<Loading /></>;
  const items = endpoints.data.items;

  return (
    <>
      {header}
      <div className={styles.tableWrap}>
        <DataTable<WebhookEndpoint>
          className={styles.table}
          aria-label={t('integrations.webhooks.title')}
          testId="endpoints-table"
          rows={items}
          rowId={(endpoint) => endpoint.id}
          rowProps={(endpoint) => ({ 'data-testid': `endpoint-row-${endpoint.id}`, 'data-url': endpoint.url, 'data-status': endpoint.status })}
          columns={[
            {
              id: 'url',
              header: t('integrations.columns.url'),
              cell: (endpoint) => (
                <div className={styles.stack}>
                  <AppLink to={endpointPagePath(endpoint.id)} className={styles.url} data-testid="endpoint-open">
                    {endpoint.url}
                  </AppLink>
                  {endpoint.description ? <Caption1 className={styles.secondary}>{endpoint.description}</Caption1> : null}
                </div>
              ),
            },
            { id: 'events', header: t('integrations.columns.events'), cell: (endpoint) => <EndpointEvents endpoint={endpoint} /> },
            {
              id: 'status',
              header: t('integrations.columns.status'),
              cell: (endpoint) => (
                <div className={styles.stack}>
                  <EndpointStatusBadge endpoint={endpoint} data-testid="endpoint-status" />
                  {endpoint.status === 'disabled' && endpoint.disabledReason ? <Caption1 className={styles.secondary}>{labels.disabledReason(endpoint.disabledReason)}</Caption1> : null}
                </div>
              ),
            },
            {
              id: 'failingSince',
              header: t('integrations.columns.failingSince'),
              cellTestId: 'endpoint-failing-since',
              cell: (endpoint) => (endpoint.failingSince ? format.dateTime(endpoint.failingSince) : t('common.emptyValue')),
            },
            { id: 'actions', header: null, headerLabel: t('integrations.columns.actions'), cell: (endpoint) => <EndpointActions endpoint={endpoint} /> },
          ]}
        />
        {items.length === 0 ? (
          <div className={styles.empty} data-testid="endpoints-empty">
            {t('integrations.webhooks.empty')}
          </div>
        ) : null}
      </div>
      {adding ? <EndpointFormDialog onClose={() => setAdding(false)} /> : null}
    </>
  );
}

/** The tenant's webhook endpoints (admins with webhooks.manage). */
export default function Webhooks() {
  return (
    <div data-testid="webhooks-page">
      <RequirePermission permission={PERMISSIONS.webhooksManage}>
        <WebhooksContent />
      </RequirePermission>
    </div>
  );
}
