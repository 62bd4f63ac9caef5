import { useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { FilterRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useAuditRecords, useUserDirectory } from '../../api/identity';
import { DataTable, RowExpandButton } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import type { AuditRecord } from '@contracts/platform';
import type { User } from '@contracts/identity';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    gap: '12px',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    marginBottom: '16px',
  },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  expandColumn: { width: '40px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: '12px',
    padding: '8px 4px 16px',
  },
  pre: {
    margin: 0,
    padding: '8px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    maxHeight: '320px',
    overflow: 'auto',
  },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  count: { color: tokens.colorNeutralForeground3, marginBottom: '8px', display: 'block' },
});

interface Filters {
  from: string;
  to: string;
  action: string;
}

const EMPTY_FILTERS: Filters = { from: '', to: '', action: '' };
const NONE: ReadonlySet<string> = new Set();

/** Start of a local calendar day (yyyy-mm-dd) as an ISO instant. */
function startOfDay(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** End of a local calendar day: the start of the next day (exclusive bound). */
function endOfDay(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

function pretty(value: unknown, empty: string): string {
  if (value === null || value === undefined) return empty;
  return JSON.stringify(value, null, 2);
}

/** Names of the tenant's users by id, to show who acted (when the viewer may list users). */
function useUserNames(): Map<string, User> {
  const canReadUsers = usePermission(PERMISSIONS.usersRead);
  const { data } = useUserDirectory(canReadUsers);
  return new Map((data?.items ?? []).map((user) => [user.id, user]));
}

function AuditContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const users = useUserNames();
  const [draft, setDraft] = useState<Filters>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(NONE);

  const rangeInvalid = !!draft.from && !!draft.to && draft.from > draft.to;

  const records = useAuditRecords(
    { from: startOfDay(filters.from), to: endOfDay(filters.to), action: filters.action.trim() || undefined },
    PAGE_SIZE,
  );

  const items = records.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = records.data?.pages[0]?.totalCount ?? 0;
  // Counting stops at a cap on busy tenants: "10,000+".
  const countCapped = records.data?.pages[0]?.totalCountCapped === true;

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    if (rangeInvalid) return;
    setExpanded(NONE);
    setFilters({ ...draft });
  };

  const onClear = () => {
    setDraft(EMPTY_FILTERS);
    setFilters(EMPTY_FILTERS);
    setExpanded(NONE);
  };

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <form className={styles.filters} onSubmit={onApply} noValidate>
        <Field label={t('audit.from')}>
          <Input
            type="date"
            value={draft.from}
            onChange={(_event, data) => setDraft((current) => ({ ...current, from: data.value }))}
            data-testid="audit-from"
          />
        </Field>
        <Field
          label={t('audit.to')}
          validationMessage={rangeInvalid ? t('audit.rangeInvalid') : undefined}
          validationState={rangeInvalid ? 'error' : 'none'}
        >
          <Input
            type="date"
            value={draft.to}
            onChange={(_event, data) => setDraft((current) => ({ ...current, to: data.value }))}
            data-testid="audit-to"
          />
        </Field>
        <Field label={t('audit.action')}>
          <Input
            value={draft.action}
            placeholder={t('audit.actionPlaceholder')}
            onChange={(_event, data) => setDraft((current) => ({ ...current, action: data.value }))}
            data-testid="audit-action"
          />
        </Field>
        <Button type="submit" appearance="primary" icon={<FilterRegular />} data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button onClick={onClear} data-testid="audit-clear">
          {t('audit.clear')}
        </Button>
      </form>
      {records.error ? (
        <ErrorBar error={records.error} testId="audit-error" />
      ) : records.isPending ? (
        <Loading />
      ) : (
        <>
          <Caption1 className={styles.count} data-testid="audit-count">
            {t('audit.count', { formatted: `${format.number(totalCount)}${countCapped ? '+' : ''}` })}
          </Caption1>
          <div className={styles.tableWrap}>
            <DataTable<AuditRecord>
              aria-label={t('audit.title')}
              testId="audit-table"
              rows={items}
              rowId={(record) => record.id}
              rowProps={() => ({ 'data-testid': 'audit-row' })}
              expand={{
                single: true,
                open: expanded,
                onOpenChange: setExpanded,
                render: (record) => (
                  <div className={styles.details}>
                    <div>
                      <Caption1 className={styles.secondary}>{t('audit.before')}</Caption1>
                      <pre className={styles.pre}>{pretty(record.before, t('common.emptyValue'))}</pre>
                    </div>
                    <div>
                      <Caption1 className={styles.secondary}>{t('audit.after')}</Caption1>
                      <pre className={styles.pre}>{pretty(record.after, t('common.emptyValue'))}</pre>
                    </div>
                    <div>
                      <Caption1 className={styles.secondary}>{t('audit.requestId')}</Caption1>
                      <Text className={styles.mono}>{record.requestId ?? t('common.emptyValue')}</Text>
                      <Caption1 className={styles.secondary}>{t('audit.actorTenant')}</Caption1>
                      <Text className={styles.mono}>{record.actorTenantId ?? t('common.emptyValue')}</Text>
                    </div>
                  </div>
                ),
              }}
              columns={[
                {
                  id: 'details',
                  header: null,
                  headerLabel: t('audit.details'),
                  headerClassName: styles.expandColumn,
                  cell: (_record, _index, row) => <RowExpandButton controls={row} label={t('audit.details')} />,
                },
                { id: 'date', header: t('audit.columnDate'), cell: (record) => format.dateTime(record.at) },
                { id: 'action', header: t('audit.columnAction'), cell: (record) => <Text className={styles.mono}>{record.action}</Text> },
                {
                  id: 'resource',
                  header: t('audit.columnResource'),
                  cell: (record) => (
                    <>
                      <Text>{record.resourceType}</Text>
                      {record.resourceId ? <Caption1 className={mergeClasses(styles.secondary, styles.mono)}>{record.resourceId}</Caption1> : null}
                    </>
                  ),
                },
                {
                  id: 'actor',
                  header: t('audit.columnActor'),
                  cell: (record) => {
                    const actor = record.actorUserId ? users.get(record.actorUserId) : undefined;
                    return (
                      <>
                        {actor ? (
                          <>
                            <Text>{actor.displayName}</Text>
                            <Caption1 className={styles.secondary}>{actor.email}</Caption1>
                          </>
                        ) : record.actorAppId ? (
                          <>
                            <Text data-testid="audit-actor-app">{record.actorAppName}</Text>
                            <Caption1 className={styles.secondary}>{t('apps.auditActor')}</Caption1>
                          </>
                        ) : record.actorUserId ? (
                          <Caption1 className={styles.mono}>{record.actorUserId}</Caption1>
                        ) : (
                          <Text>{t('audit.system')}</Text>
                        )}
                        {record.ip ? <Caption1 className={styles.secondary}>{t('audit.ip', { ip: record.ip })}</Caption1> : null}
                      </>
                    );
                  },
                },
              ]}
            />
            {items.length === 0 ? <div className={styles.empty}>{t('audit.empty')}</div> : null}
            {records.hasNextPage ? (
              <div className={styles.more}>
                <Button onClick={() => records.fetchNextPage()} disabled={records.isFetchingNextPage} data-testid="audit-load-more">
                  {records.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

export default function AuditLog() {
  return (
    <RequirePermission permission={PERMISSIONS.auditRead}>
      <AuditContent />
    </RequirePermission>
  );
}
