// EVT-1: the tenant's change feed, in the feed's order from its start: each event's name, the resource it
// is about (its name and its address in the API) and when it changed; "Load newer" reads on from the
// cursor the last read returned. Each event opens the resource as the change left it.
import { useState } from 'react';
import { Body1, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentSearchRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Event } from '@contracts/integrations';
import { useEventFeed } from '../../api/integrations';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { JsonBlock } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, overflowX: 'auto' },
  table: { minWidth: '860px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  name: { overflowWrap: 'anywhere' },
  uri: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3 },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center', alignItems: 'center', gap: '12px', flexWrap: 'wrap', padding: '12px' },
  surface: { maxWidth: '760px', width: '100%' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  pair: { display: 'contents' },
});

/** One event: what it says, and the resource as the change left it. */
function EventDialog({ event, onClose }: { event: Event; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const empty = t('common.emptyValue');
  const facts: [string, string, string][] = [
    [t('integrations.events.columns.event'), event.eventName, 'event-fact-name'],
    [t('integrations.events.columns.time'), format.dateTime(event.resourceChangeUtcDate), 'event-fact-time'],
    [t('integrations.events.resourceType'), event.resourceType, 'event-fact-resource-type'],
    [t('integrations.events.columns.resourceName'), event.resourceName ?? empty, 'event-fact-resource-name'],
    [t('integrations.events.columns.resourceUri'), event.resourceUri ?? empty, 'event-fact-resource-uri'],
    [t('integrations.events.auditUri'), event.auditUri, 'event-fact-audit-uri'],
    [t('integrations.events.eventId'), event.id, 'event-fact-id'],
  ];
  return (
    <FormDialog
      open
      onClose={onClose}
      className={styles.surface}
      title={t('integrations.events.detailsTitle', { event: event.eventName })}
      actions={
        <Button appearance="primary" onClick={onClose} data-testid="event-dialog-close">
          {t('common.close')}
        </Button>
      }
      testId="event-dialog"
    >
      <dl className={styles.facts}>
        {facts.map(([label, value, testId]) => (
          <div key={testId} className={styles.pair}>
            <dt className={styles.term}>{label}</dt>
            <dd className={styles.value} data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <Text weight="semibold">{t('integrations.events.resource')}</Text>
      <JsonBlock value={event.resource} label={t('integrations.events.resource')} testId="event-resource" />
    </FormDialog>
  );
}

function EventsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const feed = useEventFeed();
  const [open, setOpen] = useState<Event | null>(null);

  if (feed.error && !feed.data) return <ErrorBar error={feed.error} testId="events-error" />;
  if (feed.isPending) return <Loading />;
  const rows = feed.data.pages.flatMap((page) => page.items);
  const last = feed.data.pages[feed.data.pages.length - 1];
  const empty = t('common.emptyValue');

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<Event>
          className={styles.table}
          aria-label={t('integrations.events.title')}
          testId="events-table"
          rows={rows}
          rowId={(event) => event.id}
          rowProps={(event) => ({ 'data-testid': `event-row-${event.id}`, 'data-event': event.eventName })}
          columns={[
            { id: 'time', header: t('integrations.events.columns.time'), cellTestId: 'event-time', cell: (event) => format.dateTime(event.resourceChangeUtcDate) },
            { id: 'event', header: t('integrations.events.columns.event'), cellTestId: 'event-name', cell: (event) => <Text className={styles.mono}>{event.eventName}</Text> },
            {
              id: 'resourceName',
              header: t('integrations.events.columns.resourceName'),
              cellTestId: 'event-resource-name',
              cell: (event) => (
                <div>
                  <Text className={styles.name}>{event.resourceName ?? empty}</Text>
                  <Caption1 className={styles.secondary}>{event.resourceType}</Caption1>
                </div>
              ),
            },
            { id: 'resourceUri', header: t('integrations.events.columns.resourceUri'), cellTestId: 'event-resource-uri', cell: (event) => <span className={styles.uri}>{event.resourceUri ?? empty}</span> },
            {
              id: 'actions',
              header: null,
              headerLabel: t('integrations.columns.actions'),
              cell: (event) => (
                <Button size="small" appearance="subtle" icon={<DocumentSearchRegular />} onClick={() => setOpen(event)} data-testid="event-details">
                  {t('integrations.events.details')}
                </Button>
              ),
            },
          ]}
        />
        {rows.length === 0 ? (
          <div className={styles.empty} data-testid="events-empty">
            {t('integrations.events.empty')}
          </div>
        ) : null}
        <div className={styles.more}>
          {last?.hasMore ? <Body1 data-testid="events-has-more">{t('integrations.events.hasMore')}</Body1> : null}
          {/* The last read found nothing new. */}
          {feed.data.pages.length > 1 && last?.items.length === 0 ? <Body1 className={styles.secondary} data-testid="events-up-to-date">{t('integrations.events.upToDate')}</Body1> : null}
          <Button icon={<ArrowDownloadRegular />} onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage} data-testid="events-load-newer">
            {t('integrations.events.loadNewer')}
          </Button>
        </div>
      </div>
      <ErrorBar error={feed.error} testId="events-load-error" />
      {open ? <EventDialog event={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The tenant's change feed (events.read). */
export default function Events() {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div data-testid="events-page" className={styles.root}>
      <PageHeader title={t('integrations.events.title')} description={t('integrations.events.description')} />
      <RequirePermission permission={PERMISSIONS.eventsRead}>
        <EventsContent />
      </RequirePermission>
    </div>
  );
}
