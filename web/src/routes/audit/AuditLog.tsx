import { useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Combobox,
  Dropdown,
  Field,
  Input,
  Option,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, FilterRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { useAuditRecords, useUserDirectory } from '../../api/identity';
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, auditActionName, auditResourceTypeName } from '../../auditLabels';
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
  summary: { display: 'flex', gap: '12px', alignItems: 'baseline', flexWrap: 'wrap' },
  picker: { minWidth: '220px' },
});

interface Filters {
  from: string;
  to: string;
  /** An action code; what the person typed when it names none of the catalogue's. */
  action: string;
  resourceType: string;
  actorUserId: string;
}

const EMPTY_FILTERS: Filters = { from: '', to: '', action: '', resourceType: '', actorUserId: '' };
const NONE: ReadonlySet<string> = new Set();
/** The most records one CSV export holds (the API's cap): the newest ones. */
const EXPORT_CAP = 10_000;

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
  // The action picker's text while the person types (null: the chosen action's name).
  const [actionQuery, setActionQuery] = useState<string | null>(null);

  const rangeInvalid = !!draft.from && !!draft.to && draft.from > draft.to;

  const query = {
    from: startOfDay(filters.from),
    to: endOfDay(filters.to),
    action: filters.action.trim() || undefined,
    resourceType: filters.resourceType || undefined,
    actorUserId: filters.actorUserId || undefined,
  };
  const records = useAuditRecords(query, PAGE_SIZE);
  const exportHref = apiPath('/audit-records', { ...query, format: 'csv' });

  const collator = useMemo(() => new Intl.Collator(format.language), [format.language]);
  const actionOptions = useMemo(
    () => AUDIT_ACTIONS.map((code) => ({ code, name: auditActionName(t, code) })).sort((a, b) => collator.compare(a.name, b.name)),
    [t, collator],
  );
  const resourceOptions = useMemo(
    () => AUDIT_RESOURCE_TYPES.map((code) => ({ code, name: auditResourceTypeName(t, code) })).sort((a, b) => collator.compare(a.name, b.name)),
    [t, collator],
  );
  const userOptions = useMemo(() => [...users.values()].sort((a, b) => collator.compare(a.displayName, b.displayName)), [users, collator]);
  const actionText = actionQuery ?? (draft.action ? auditActionName(t, draft.action) : '');
  const needle = (actionQuery ?? '').trim().toLocaleLowerCase();
  const matchingActions = needle ? actionOptions.filter((option) => option.name.toLocaleLowerCase().includes(needle) || option.code.toLowerCase().includes(needle)) : actionOptions;

  const items = records.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = records.data?.pages[0]?.totalCount ?? 0;
  // Counting stops at a cap on busy tenants: "10,000+".
  const countCapped = records.data?.pages[0]?.totalCountCapped === true;

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    if (rangeInvalid) return;
    // Text that names no action of the list is taken as a code (an action the catalogue has no name for).
    const typed = actionQuery?.trim();
    const next = typed ? { ...draft, action: actionOptions.find((option) => option.name.toLocaleLowerCase() === typed.toLocaleLowerCase())?.code ?? typed } : draft;
    setDraft(next);
    setActionQuery(null);
    setExpanded(NONE);
    setFilters({ ...next });
  };

  const onClear = () => {
    setDraft(EMPTY_FILTERS);
    setFilters(EMPTY_FILTERS);
    setActionQuery(null);
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
          <Combobox
            className={styles.picker}
            value={actionText}
            selectedOptions={draft.action ? [draft.action] : []}
            placeholder={t('audit.actionPlaceholder')}
            freeform
            onChange={(event) => {
              setActionQuery(event.target.value);
              if (!event.target.value) setDraft((current) => ({ ...current, action: '' }));
            }}
            onOptionSelect={(_event, data) => {
              if (!data.optionValue) return;
              setDraft((current) => ({ ...current, action: data.optionValue! }));
              setActionQuery(null);
            }}
            data-testid="audit-action"
          >
            {matchingActions.map((option) => (
              <Option key={option.code} value={option.code} text={option.name} data-testid={`audit-action-option-${option.code}`}>
                {option.name}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field label={t('audit.resourceType')}>
          <Dropdown
            className={styles.picker}
            value={draft.resourceType ? auditResourceTypeName(t, draft.resourceType) : t('audit.anyResource')}
            selectedOptions={[draft.resourceType]}
            onOptionSelect={(_event, data) => setDraft((current) => ({ ...current, resourceType: data.optionValue ?? '' }))}
            data-testid="audit-resource-type"
          >
            <Option value="" text={t('audit.anyResource')}>
              {t('audit.anyResource')}
            </Option>
            {resourceOptions.map((option) => (
              <Option key={option.code} value={option.code} text={option.name} data-testid={`audit-resource-option-${option.code}`}>
                {option.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {userOptions.length > 0 ? (
          <Field label={t('audit.actorFilter')}>
            <Dropdown
              className={styles.picker}
              value={draft.actorUserId ? (users.get(draft.actorUserId)?.displayName ?? draft.actorUserId) : t('audit.anyone')}
              selectedOptions={[draft.actorUserId]}
              onOptionSelect={(_event, data) => setDraft((current) => ({ ...current, actorUserId: data.optionValue ?? '' }))}
              data-testid="audit-actor"
            >
              <Option value="" text={t('audit.anyone')}>
                {t('audit.anyone')}
              </Option>
              {userOptions.map((user) => (
                <Option key={user.id} value={user.id} text={user.displayName} data-testid={`audit-actor-option-${user.email}`}>
                  {`${user.displayName} (${user.email})`}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
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
          <div className={styles.summary}>
            <Caption1 className={styles.count} data-testid="audit-count">
              {t('audit.count', { formatted: `${format.number(totalCount)}${countCapped ? '+' : ''}` })}
            </Caption1>
            {totalCount > 0 ? (
              <Button as="a" href={exportHref} appearance="subtle" size="small" icon={<ArrowDownloadRegular />} data-testid="audit-export">
                {t('audit.export')}
              </Button>
            ) : null}
            {countCapped || totalCount > EXPORT_CAP ? (
              <Caption1 className={styles.count} data-testid="audit-export-capped">
                {t('audit.exportCapped', { formatted: format.number(EXPORT_CAP) })}
              </Caption1>
            ) : null}
          </div>
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
                      <Caption1 className={styles.secondary}>{t('audit.actionCode')}</Caption1>
                      <Text className={styles.mono}>{record.action}</Text>
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
                {
                  id: 'action',
                  header: t('audit.columnAction'),
                  cell: (record) => <Text data-testid="audit-action-name">{auditActionName(t, record.action)}</Text>,
                },
                {
                  id: 'resource',
                  header: t('audit.columnResource'),
                  cell: (record) => (
                    <>
                      <Text>{auditResourceTypeName(t, record.resourceType)}</Text>
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
