import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Option,
  TableCellLayout,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, WarningFilled } from '@fluentui/react-icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useReviewQueue, type ReviewQueueFilters } from '../../api/operator';
import { AppLink } from '../../components/AppLink';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { EnrollmentStatusBadge, useProgramName } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { PERMISSIONS } from '../../permissions';
import type { ReviewItem } from '@contracts/enrollment';
import { ENROLLMENT_PROGRAMS, ENROLLMENT_STATUSES } from '../../values';

const ALL = 'all';
/** The default filter: what a reviewer has to act on (ENR-6). */
const NEEDS_ACTION = 'needsAction';
const NEEDS_ACTION_STATUSES = ['inReview', 'actionRequired'] as const;

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '16px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '12px' },
  dropdown: { minWidth: '220px' },
  count: { color: tokens.colorNeutralForeground3 },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  overdueRow: { backgroundColor: tokens.colorPaletteRedBackground1 },
  overdue: { color: tokens.colorPaletteRedForeground1, display: 'inline-flex', gap: '4px', alignItems: 'center' },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

/**
 * ENR-6: the operator's review queue, oldest first, with the age in business days and overdue items
 * marked. It opens on what needs action (in review, action required); "All statuses" shows the rest.
 */
function ReviewQueueContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const programName = useProgramName();
  const [params, setParams] = useSearchParams();
  // The status filter in the address: absent, what needs action; 'all', every status; else one status.
  const statusParam = params.get('status');
  const statusChoice = statusParam === ALL || (statusParam && (ENROLLMENT_STATUSES as readonly string[]).includes(statusParam)) ? statusParam : NEEDS_ACTION;
  const filters: ReviewQueueFilters = {
    statuses: statusChoice === NEEDS_ACTION ? NEEDS_ACTION_STATUSES : statusChoice === ALL ? undefined : [statusChoice],
    program: params.get('program') ?? undefined,
    overdue: params.get('overdue') === 'true' || undefined,
  };
  const queue = useReviewQueue(filters);
  const statusLabel = statusChoice === NEEDS_ACTION ? t('enrollmentReview.queue.needsAction') : statusChoice === ALL ? t('reviewQueue.allStatuses') : labels.status(statusChoice);

  const setFilter = (name: 'status' | 'program' | 'overdue', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = queue.data?.pages[0]?.totalCount ?? 0;

  return (
    <div data-testid="review-queue-page">
      <PageHeader
        title={t('reviewQueue.title')}
        description={t('reviewQueue.description')}
        actions={
          <Button icon={<ArrowClockwiseRegular />} onClick={() => void queue.refetch()} data-testid="review-queue-refresh">
            {t('reviewQueue.refresh')}
          </Button>
        }
      />
      <div className={styles.filters}>
        <Field label={t('reviewQueue.status')}>
          <Dropdown
            className={styles.dropdown}
            value={statusLabel}
            selectedOptions={[statusChoice]}
            onOptionSelect={(_event, data) => setFilter('status', data.optionValue === NEEDS_ACTION ? undefined : data.optionValue)}
            data-testid="review-filter-status"
          >
            <Option value={NEEDS_ACTION} text={t('enrollmentReview.queue.needsAction')} data-testid="review-filter-status-needsAction">
              {t('enrollmentReview.queue.needsActionOption')}
            </Option>
            <Option value={ALL} data-testid="review-filter-status-all">
              {t('reviewQueue.allStatuses')}
            </Option>
            {ENROLLMENT_STATUSES.map((status) => (
              <Option key={status} value={status} data-testid={`review-filter-status-${status}`}>
                {labels.status(status)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('reviewQueue.program')}>
          <Dropdown
            className={styles.dropdown}
            value={filters.program ? programName(filters.program) : t('reviewQueue.allPrograms')}
            selectedOptions={[filters.program ?? ALL]}
            onOptionSelect={(_event, data) => setFilter('program', data.optionValue === ALL ? undefined : data.optionValue)}
            data-testid="review-filter-program"
          >
            <Option value={ALL} data-testid="review-filter-program-all">
              {t('reviewQueue.allPrograms')}
            </Option>
            {ENROLLMENT_PROGRAMS.map((program) => (
              <Option key={program} value={program} data-testid={`review-filter-program-${program}`}>
                {programName(program)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Checkbox
          checked={!!filters.overdue}
          onChange={(_event, data) => setFilter('overdue', data.checked === true ? 'true' : undefined)}
          label={t('reviewQueue.overdueOnly')}
          data-testid="review-filter-overdue"
        />
        {queue.data ? (
          <Caption1 className={styles.count} data-testid="review-queue-count">
            {t('reviewQueue.count', { formatted: format.number(totalCount) })}
          </Caption1>
        ) : null}
      </div>
      {queue.error ? (
        <ErrorBar error={queue.error} testId="review-queue-error" />
      ) : queue.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<ReviewItem>
            aria-label={t('reviewQueue.title')}
            testId="review-queue-table"
            rows={items}
            rowId={(item) => item.id}
            rowProps={(item) => ({ className: item.overdue ? styles.overdueRow : undefined, 'data-testid': `review-row-${item.id}`, 'data-overdue': item.overdue })}
            columns={[
              {
                id: 'organization',
                header: t('reviewQueue.columnOrganization'),
                cell: (item) => (
                  <TableCellLayout>
                    <AppLink to={`/operator/enrollments/${item.id}`} data-testid={`review-open-${item.id}`}>
                      {item.legalName ?? item.organizationName}
                    </AppLink>
                    {item.legalName && item.legalName !== item.organizationName ? (
                      <Caption1 className={styles.secondary}>{item.organizationName}</Caption1>
                    ) : null}
                  </TableCellLayout>
                ),
              },
              { id: 'program', header: t('reviewQueue.columnProgram'), cell: (item) => programName(item.program) },
              { id: 'status', header: t('reviewQueue.columnStatus'), cell: (item) => <EnrollmentStatusBadge status={item.status} /> },
              // ENR-6: one story per row: submitted, then the review starts, the decision is expected 5 business
              // days after that start, and the age counts from it (only while it waits for a reviewer).
              { id: 'submitted', header: t('reviewQueue.columnSubmitted'), cell: (item) => <span data-testid={`review-submitted-${item.id}`}>{item.submittedAt ? format.date(item.submittedAt) : t('common.emptyValue')}</span> },
              { id: 'reviewStarted', header: t('enrollmentReview.queue.columnReviewStarted'), cell: (item) => <span data-testid={`review-started-${item.id}`}>{item.reviewStartedAt ? format.date(item.reviewStartedAt) : t('common.emptyValue')}</span> },
              {
                id: 'expected',
                header: t('reviewQueue.columnExpected'),
                cell: (item) => (
                  <span data-testid={`review-expected-${item.id}`}>
                    {item.status === 'inReview' && item.expectedDecisionBy
                      ? format.day(item.expectedDecisionBy)
                      : item.status === 'actionRequired'
                        ? t('enrollmentReview.queue.waitingForPartner')
                        : t('common.emptyValue')}
                  </span>
                ),
              },
              {
                id: 'age',
                header: t('reviewQueue.columnAge'),
                cell: (item) =>
                  item.status === 'inReview' ? (
                    <>
                      {item.overdue ? (
                        <span className={styles.overdue}>
                          <WarningFilled />
                          <Badge appearance="filled" color="danger" size="small" data-testid={`review-overdue-${item.id}`}>
                            {t('reviewQueue.overdue')}
                          </Badge>
                        </span>
                      ) : null}{' '}
                      <span data-testid={`review-age-${item.id}`}>{format.number(item.ageBusinessDays)}</span>
                    </>
                  ) : (
                    t('common.emptyValue')
                  ),
              },
            ]}
          />
          {items.length === 0 ? <div className={styles.empty}>{t('reviewQueue.empty')}</div> : null}
          {queue.hasNextPage ? (
            <div className={styles.more}>
              <Button onClick={() => queue.fetchNextPage()} disabled={queue.isFetchingNextPage} data-testid="review-queue-more">
                {queue.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

export default function ReviewQueue() {
  return (
    <RequirePermission permission={PERMISSIONS.operatorEnrollmentsRead}>
      <ReviewQueueContent />
    </RequirePermission>
  );
}
