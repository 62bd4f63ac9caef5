import { Fragment, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular, FilterRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useAuditRecords, useUserDirectory } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
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
  const [expanded, setExpanded] = useState<string | null>(null);

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
    setExpanded(null);
    setFilters({ ...draft });
  };

  const onClear = () => {
    setDraft(EMPTY_FILTERS);
    setFilters(EMPTY_FILTERS);
    setExpanded(null);
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
            <Table aria-label={t('audit.title')} data-testid="audit-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 40 }} aria-label={t('audit.details')} />
                  <TableHeaderCell>{t('audit.columnDate')}</TableHeaderCell>
                  <TableHeaderCell>{t('audit.columnAction')}</TableHeaderCell>
                  <TableHeaderCell>{t('audit.columnResource')}</TableHeaderCell>
                  <TableHeaderCell>{t('audit.columnActor')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((record) => {
                  const open = expanded === record.id;
                  return (
                    <Fragment key={record.id}>
                      <TableRow data-testid="audit-row">
                        <TableCell>
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
                            aria-expanded={open}
                            aria-label={t('audit.details')}
                            onClick={() => setExpanded(open ? null : record.id)}
                          />
                        </TableCell>
                        <TableCell>{format.dateTime(record.at)}</TableCell>
                        <TableCell>
                          <Text className={styles.mono}>{record.action}</Text>
                        </TableCell>
                        <TableCell>
                          <Text>{record.resourceType}</Text>
                          {record.resourceId ? (
                            <Caption1 className={mergeClasses(styles.secondary, styles.mono)}>{record.resourceId}</Caption1>
                          ) : null}
                        </TableCell>
                        <TableCell>
                          {record.actorUserId && users.has(record.actorUserId) ? (
                            <>
                              <Text>{users.get(record.actorUserId)!.displayName}</Text>
                              <Caption1 className={styles.secondary}>{users.get(record.actorUserId)!.email}</Caption1>
                            </>
                          ) : record.actorUserId ? (
                            <Caption1 className={styles.mono}>{record.actorUserId}</Caption1>
                          ) : (
                            <Text>{t('audit.system')}</Text>
                          )}
                          {record.ip ? <Caption1 className={styles.secondary}>{t('audit.ip', { ip: record.ip })}</Caption1> : null}
                        </TableCell>
                      </TableRow>
                      {open ? (
                        <TableRow>
                          <TableCell colSpan={5}>
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
                          </TableCell>
                        </TableRow>
                      ) : null}
                    </Fragment>
                  );
                })}
              </TableBody>
            </Table>
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
