// EVT-2: one webhook endpoint (the disabled-endpoint mail links here): its facts, a test event, and its
// delivery log, newest first and a page at a time, filtered by status; each delivery opens its attempts
// (time, answer code, duration, the first 1 KB of the answer, the error) and its payload, and can be
// delivered again; so can every event of a time range (at most 31 days), with the same webhook-id.
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowLeftRegular, ArrowRepeatAllRegular, HistoryRegular, SendRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { WebhookDelivery, WebhookEndpoint } from '@contracts/integrations';
import {
  useRedeliver,
  useSendTestEvent,
  useWebhookDeliveries,
  useWebhookDelivery,
  useWebhookEndpoint,
  type DeliveryStatusFilter,
} from '../../api/integrations';
import { isApiError } from '../../api';
import { DataTable, RowExpandButton } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { NotFoundContent } from '../errors/NotFound';
import { EndpointActions } from './EndpointDialogs';
import { DeliveryStatusBadge, EndpointStatusBadge, JsonBlock, useIntegrationLabels } from './labels';
import { EndpointEvents } from './Webhooks';

const WEBHOOKS_PATH = '/integrations/webhooks';
const STATUSES: readonly DeliveryStatusFilter[] = ['all', 'pending', 'succeeded', 'failed'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  back: { alignSelf: 'flex-start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: '12px 24px',
    margin: 0,
    padding: '16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fact: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0 },
  wide: { gridColumn: '1 / -1' },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  small: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  section: { marginTop: '12px' },
  toolbar: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap' },
  filter: { minWidth: '200px' },
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, overflowX: 'auto' },
  table: { minWidth: '960px' },
  expandColumn: { width: '44px' },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  details: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '8px 4px 16px' },
  attemptsTable: { minWidth: '720px' },
  excerpt: { minWidth: '240px' },
  range: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: '12px' },
});

function Fact({ label, testId, wide, children }: { label: string; testId: string; wide?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.fact, wide && styles.wide)}>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.value} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function EndpointFacts({ endpoint }: { endpoint: WebhookEndpoint }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useIntegrationLabels();
  const empty = t('common.emptyValue');
  return (
    <dl className={styles.facts} data-testid="endpoint-facts" data-status={endpoint.status}>
      <Fact label={t('integrations.columns.url')} testId="endpoint-fact-url" wide>
        <span className={styles.mono}>{endpoint.url}</span>
      </Fact>
      <Fact label={t('integrations.form.description')} testId="endpoint-fact-description" wide>
        {endpoint.description || empty}
      </Fact>
      <Fact label={t('integrations.columns.status')} testId="endpoint-fact-status">
        <EndpointStatusBadge endpoint={endpoint} data-testid="endpoint-status" />
        {endpoint.status === 'disabled' && endpoint.disabledReason ? <Caption1 className={styles.secondary}>{labels.disabledReason(endpoint.disabledReason)}</Caption1> : null}
      </Fact>
      <Fact label={t('integrations.columns.failingSince')} testId="endpoint-fact-failing-since">
        {endpoint.failingSince ? format.dateTime(endpoint.failingSince) : empty}
      </Fact>
      <Fact label={t('integrations.detail.previousSecret')} testId="endpoint-fact-previous-secret">
        {endpoint.previousSecretExpiresAt ? t('integrations.detail.previousSecretUntil', { date: format.dateTime(endpoint.previousSecretExpiresAt) }) : empty}
      </Fact>
      <Fact label={t('integrations.detail.created')} testId="endpoint-fact-created">
        {format.dateTime(endpoint.createdAt)}
      </Fact>
      <Fact label={t('integrations.columns.events')} testId="endpoint-fact-events" wide>
        <EndpointEvents endpoint={endpoint} />
      </Fact>
    </dl>
  );
}

/** A delivery's attempts, newest answer included, and the payload it sends. */
function DeliveryDetails({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useWebhookDelivery(endpointId, delivery);
  if (detail.error) return <ErrorBar error={detail.error} testId="delivery-detail-error" />;
  if (detail.isPending) return <Loading />;
  const empty = t('common.emptyValue');
  return (
    <div className={styles.details} data-testid={`delivery-details-${delivery.id}`}>
      <Subtitle2 as="h3">{t('integrations.attempts.title')}</Subtitle2>
      {detail.data.attemptLog.length === 0 ? (
        <Body1 className={styles.secondary} data-testid="attempts-empty">
          {t('integrations.attempts.none')}
        </Body1>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable
            className={styles.attemptsTable}
            size="small"
            aria-label={t('integrations.attempts.title')}
            testId="attempts-table"
            rows={detail.data.attemptLog}
            rowId={(_attempt, index) => String(index)}
            rowProps={(attempt) => ({ 'data-testid': 'attempt-row', 'data-status-code': attempt.statusCode ?? '' })}
            columns={[
              { id: 'at', header: t('integrations.attempts.at'), cellTestId: 'attempt-at', cell: (attempt) => format.dateTime(attempt.at) },
              { id: 'statusCode', header: t('integrations.attempts.statusCode'), cellTestId: 'attempt-status-code', cell: (attempt) => (attempt.statusCode === null ? empty : String(attempt.statusCode)) },
              {
                id: 'duration',
                header: t('integrations.attempts.duration'),
                cellTestId: 'attempt-duration',
                cell: (attempt) => t('integrations.attempts.durationValue', { ms: format.number(attempt.durationMs) }),
              },
              {
                id: 'response',
                header: t('integrations.attempts.response'),
                cellClassName: styles.excerpt,
                cellTestId: 'attempt-response',
                cell: (attempt) => (attempt.responseExcerpt ? <JsonBlock value={attempt.responseExcerpt} label={t('integrations.attempts.response')} /> : empty),
              },
              { id: 'error', header: t('integrations.attempts.error'), cellTestId: 'attempt-error', cell: (attempt) => attempt.error ?? empty },
            ]}
          />
        </div>
      )}
      <Subtitle2 as="h3">{t('integrations.deliveries.payload')}</Subtitle2>
      <JsonBlock value={detail.data.payload} label={t('integrations.deliveries.payload')} testId="delivery-payload" />
    </div>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useIntegrationLabels();
  const [status, setStatus] = useState<DeliveryStatusFilter>('all');
  const [queued, setQueued] = useState(false);
  const deliveries = useWebhookDeliveries(endpoint.id, status);
  const redeliver = useRedeliver(endpoint.id, { onSuccess: () => setQueued(true) });
  const empty = t('common.emptyValue');
  const rows = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className={styles.toolbar}>
        <Field label={t('integrations.deliveries.statusFilter')} className={styles.filter}>
          <Select value={status} onChange={(_event, data) => setStatus(data.value as DeliveryStatusFilter)} data-testid="deliveries-status">
            {STATUSES.map((item) => (
              <option key={item} value={item}>
                {item === 'all' ? t('integrations.deliveries.allStatuses') : labels.deliveryStatus(item)}
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => void deliveries.refetch()} disabled={deliveries.isFetching} data-testid="deliveries-refresh">
          {t('integrations.deliveries.refresh')}
        </Button>
      </div>
      {queued ? (
        <MessageBar intent="success" data-testid="redelivery-queued">
          <MessageBarBody>{t('integrations.deliveries.redeliveryQueued')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ErrorBar error={redeliver.error} testId="redeliver-error" />
      {deliveries.error ? (
        <ErrorBar error={deliveries.error} testId="deliveries-error" />
      ) : deliveries.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<WebhookDelivery>
            className={styles.table}
            aria-label={t('integrations.deliveries.title')}
            testId="deliveries-table"
            rows={rows}
            rowId={(delivery) => delivery.id}
            rowProps={(delivery) => ({
              'data-testid': `delivery-row-${delivery.id}`,
              'data-delivery': delivery.id,
              'data-event': delivery.eventName,
              'data-status': delivery.status,
              'data-status-code': delivery.lastAttempt?.statusCode ?? '',
            })}
            expand={{ single: true, render: (delivery) => <DeliveryDetails endpointId={endpoint.id} delivery={delivery} /> }}
            columns={[
              {
                id: 'expand',
                header: null,
                headerLabel: t('integrations.deliveries.details'),
                headerClassName: styles.expandColumn,
                cell: (delivery, _index, controls) => <RowExpandButton controls={controls} label={t('integrations.deliveries.showAttempts', { event: delivery.eventName })} testId="delivery-expand" />,
              },
              {
                id: 'event',
                header: t('integrations.deliveries.event'),
                cell: (delivery) => (
                  <div>
                    <Text className={styles.mono}>{delivery.eventName}</Text>
                    <Caption1 className={mergeClasses(styles.secondary, styles.small)}>{delivery.webhookId}</Caption1>
                  </div>
                ),
              },
              { id: 'status', header: t('integrations.columns.status'), cell: (delivery) => <DeliveryStatusBadge status={delivery.status} data-testid="delivery-status" /> },
              {
                id: 'lastAnswer',
                header: t('integrations.deliveries.lastAnswer'),
                cellTestId: 'delivery-last-answer',
                cell: (delivery) => {
                  const last = delivery.lastAttempt;
                  if (!last) return empty;
                  return last.statusCode !== null ? String(last.statusCode) : (last.error ?? empty);
                },
              },
              { id: 'attempts', header: t('integrations.deliveries.attempts'), cellTestId: 'delivery-attempts', cell: (delivery) => format.number(delivery.attempts) },
              {
                id: 'created',
                header: t('integrations.deliveries.created'),
                cell: (delivery) => (
                  <div>
                    <Text>{format.dateTime(delivery.createdAt)}</Text>
                    {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                      <Caption1 className={styles.secondary}>{t('integrations.deliveries.nextAttempt', { date: format.dateTime(delivery.nextAttemptAt) })}</Caption1>
                    ) : null}
                  </div>
                ),
              },
              { id: 'delivered', header: t('integrations.deliveries.delivered'), cell: (delivery) => (delivery.deliveredAt ? format.dateTime(delivery.deliveredAt) : empty) },
              {
                id: 'actions',
                header: null,
                headerLabel: t('integrations.columns.actions'),
                cell: (delivery) => (
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<ArrowRepeatAllRegular />}
                    disabled={redeliver.isPending}
                    onClick={() => redeliver.mutate({ eventId: delivery.eventId })}
                    data-testid="delivery-redeliver"
                  >
                    {t('integrations.deliveries.redeliver')}
                  </Button>
                ),
              },
            ]}
          />
          {rows.length === 0 ? (
            <div className={styles.empty} data-testid="deliveries-empty">
              {status === 'all' ? t('integrations.deliveries.empty') : t('integrations.deliveries.emptyFiltered')}
            </div>
          ) : null}
          {deliveries.hasNextPage ? (
            <div className={styles.more}>
              <Button onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage} data-testid="deliveries-more">
                {t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}

/** A `datetime-local` value (the browser's time zone) as an ISO instant; undefined when empty or not a time. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Delivers again every event of a time range the endpoint takes; the server checks the range (at most 31 days). */
function RedeliverRangeDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [queued, setQueued] = useState<number | null>(null);
  const redeliver = useRedeliver(endpoint.id, { onSuccess: (result) => setQueued(result.queued) });

  const fromIso = localToIso(from);
  const toIso = localToIso(to);
  const errors = {
    from: (submitted && !fromIso ? t('validation.required') : undefined) ?? fieldError(redeliver.error, '/from'),
    to: (submitted && !toIso ? t('validation.required') : undefined) ?? fieldError(redeliver.error, '/to'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!fromIso || !toIso) return;
    redeliver.mutate({ from: fromIso, to: toIso });
  };

  if (queued !== null) {
    return (
      <FormDialog
        open
        alert
        onClose={onClose}
        title={t('integrations.range.title')}
        actions={
          <Button appearance="primary" onClick={onClose} data-testid="redeliver-range-done">
            {t('common.done')}
          </Button>
        }
        testId="redeliver-range-dialog"
      >
        <MessageBar intent="success" data-testid="redeliver-range-queued" data-queued={queued}>
          <MessageBarBody>{t('integrations.range.queued', { count: queued })}</MessageBarBody>
        </MessageBar>
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('integrations.range.title')}
      actions={
        <>
          <Button onClick={onClose} data-testid="redeliver-range-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={redeliver.isPending} data-testid="redeliver-range-submit">
            {t('integrations.range.submit')}
          </Button>
        </>
      }
      testId="redeliver-range-dialog"
    >
      <Body1>{t('integrations.range.description')}</Body1>
      <ErrorBar error={redeliver.error} fieldPaths={['/from', '/to']} testId="redeliver-range-error" />
      <div className={styles.range}>
        <Field label={t('integrations.range.from')} required validationMessage={errors.from} validationState={errors.from ? 'error' : 'none'}>
          <Input type="datetime-local" value={from} onChange={(_event, data) => setFrom(data.value)} data-testid="redeliver-range-from" />
        </Field>
        <Field label={t('integrations.range.to')} required validationMessage={errors.to} validationState={errors.to ? 'error' : 'none'}>
          <Input type="datetime-local" value={to} onChange={(_event, data) => setTo(data.value)} data-testid="redeliver-range-to" />
        </Field>
      </div>
    </FormDialog>
  );
}

function EndpointContent({ id }: { id: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const endpoint = useWebhookEndpoint(id);
  const [tested, setTested] = useState(false);
  const [rangeOpen, setRangeOpen] = useState(false);
  const sendTest = useSendTestEvent({ onSuccess: () => setTested(true) });

  // Another tenant's endpoint is answered 404; an address that is no endpoint ID, 400.
  if (isApiError(endpoint.error, 404) || isApiError(endpoint.error, 400)) return <NotFoundContent signedIn />;
  if (endpoint.error) return <ErrorBar error={endpoint.error} testId="endpoint-error" />;
  if (endpoint.isPending) return <Loading />;
  const data = endpoint.data;

  return (
    <>
      <PageHeader title={t('integrations.detail.title')} />
      {data.status === 'disabled' ? (
        <MessageBar intent="warning" data-testid="endpoint-disabled-notice">
          <MessageBarBody>{data.disabledReason === 'failing' ? t('integrations.detail.disabledFailing') : t('integrations.detail.disabledManual')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <EndpointFacts endpoint={data} />
      <div className={styles.actions}>
        <Button appearance="primary" icon={<SendRegular />} disabled={sendTest.isPending} onClick={() => sendTest.mutate(data.id)} data-testid="send-test-event">
          {t('integrations.detail.sendTest')}
        </Button>
        <Button icon={<HistoryRegular />} onClick={() => setRangeOpen(true)} data-testid="redeliver-range">
          {t('integrations.range.open')}
        </Button>
        <EndpointActions endpoint={data} size="medium" onDeleted={() => navigate(WEBHOOKS_PATH)} />
      </div>
      {tested ? (
        <MessageBar intent="success" data-testid="test-event-sent">
          <MessageBarBody>{t('integrations.detail.testSent')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ErrorBar error={sendTest.error} testId="send-test-error" />
      <Subtitle2 as="h2" className={styles.section} data-testid="deliveries-heading">
        {t('integrations.deliveries.title')}
      </Subtitle2>
      <DeliveryLog endpoint={data} />
      {rangeOpen ? <RedeliverRangeDialog endpoint={data} onClose={() => setRangeOpen(false)} /> : null}
    </>
  );
}

export default function WebhookDetail() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  return (
    <div data-testid="webhook-page" className={styles.root}>
      <Button className={styles.back} appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => navigate(WEBHOOKS_PATH)} data-testid="webhook-back">
        {t('integrations.detail.back')}
      </Button>
      <RequirePermission permission={PERMISSIONS.webhooksManage}>
        <EndpointContent key={id} id={id} />
      </RequirePermission>
    </div>
  );
}
