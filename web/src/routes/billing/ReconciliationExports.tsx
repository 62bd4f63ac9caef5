// BIL-3: a closed period's reconciliation export: every line of the documents the tenant received or
// issued in it, as CSV or JSON Lines. A billing admin picks the month, the documents and the format and
// starts it; the list below follows it while the job runs (queued → running → succeeded or failed) and
// downloads it once it has succeeded, with a link that expires (a link about to expire is renewed first).
import { useState, type MouseEvent } from 'react';
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowExportLtrRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ExportDirection, ExportFormat, ExportStatus, ReconciliationExport } from '@contracts/billing/reconciliation';
import { apiPath } from '../../api';
import { exportInProgress, fetchReconciliationExport, useBillingTotals, useReconciliationExports, useRequestReconciliationExport } from '../../api/billing';
import { exportMonths } from '../../billingTotals';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useExportLabels } from './labels';

const FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];
const DIRECTIONS: readonly ExportDirection[] = ['received', 'issued'];
/** A download link this close to its expiry is renewed before it is followed. */
const LINK_MARGIN_MS = 60_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: '16px 24px',
    padding: '16px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  formTitle: { flexBasis: '100%' },
  period: { minWidth: '200px', flexGrow: 1, maxWidth: '320px' },
  submit: { flexShrink: 0 },
  tableWrap: { overflowX: 'auto' },
  // Narrower than this, the table scrolls sideways in its frame instead of squeezing its columns.
  table: { minWidth: '760px' },
  number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  status: { display: 'inline-flex', alignItems: 'center', gap: '6px', whiteSpace: 'nowrap' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  more: { display: 'flex', justifyContent: 'center' },
});

function statusColor(status: ExportStatus | string): BadgeProps['color'] {
  if (status === 'succeeded') return 'success';
  if (status === 'failed') return 'danger';
  return 'informative';
}

/** A file size in the language (bytes, kB or MB). */
function useFileSize() {
  const format = useFormat();
  return (bytes: number) => {
    // Bytes in full ("494 bytes"), larger sizes short ("1.2 MB").
    const [value, unit, unitDisplay] = bytes < 1000 ? [bytes, 'byte', 'long'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte', 'short'] : [bytes / 1_000_000, 'megabyte', 'short'];
    return new Intl.NumberFormat(format.language, { style: 'unit', unit, unitDisplay: unitDisplay as 'long' | 'short', maximumFractionDigits: 1 }).format(value);
  };
}

function ExportForm() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useExportLabels();
  // The months with documents are closed for certain; the months ended since are offered too.
  const totals = useBillingTotals();
  const documentMonths = totals.data?.documentMonths ?? [];
  const months = exportMonths(new Date(), documentMonths);
  const [chosen, setChosen] = useState<string | null>(null);
  const [direction, setDirection] = useState<ExportDirection>('received');
  const [fileFormat, setFileFormat] = useState<ExportFormat>('csv');
  const [started, setStarted] = useState<ReconciliationExport | null>(null);
  const request = useRequestReconciliationExport({ onSuccess: (created) => setStarted(created) });
  const period = chosen ?? documentMonths[0] ?? months[0] ?? '';

  const start = () => {
    setStarted(null);
    request.mutate({ period, format: fileFormat, direction });
  };
  const periodError = fieldError(request.error, '/period', ['billing_period_open']);

  return (
    <>
      <form
        className={styles.form}
        aria-labelledby="reconciliation-form-title"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
        data-testid="reconciliation-form"
      >
        <Subtitle2 as="h2" id="reconciliation-form-title" className={styles.formTitle}>
          {t('billing.reconciliation.formTitle')}
        </Subtitle2>
        <Field
          className={styles.period}
          label={t('billing.reconciliation.period')}
          hint={periodError ? undefined : t('billing.reconciliation.periodHint')}
          validationMessage={periodError}
        >
          <Select value={period} onChange={(_event, data) => setChosen(data.value)} data-testid="reconciliation-period">
            {months.map((month) => (
              <option key={month} value={month}>
                {format.month(month)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('billing.reconciliation.documents')}>
          <RadioGroup layout="horizontal" value={direction} onChange={(_event, data) => setDirection(data.value as ExportDirection)}>
            {DIRECTIONS.map((item) => (
              <Radio key={item} value={item} label={labels.direction(item)} data-testid={`reconciliation-direction-${item}`} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('billing.reconciliation.fileFormat')}>
          <RadioGroup layout="horizontal" value={fileFormat} onChange={(_event, data) => setFileFormat(data.value as ExportFormat)}>
            {FORMATS.map((item) => (
              <Radio key={item} value={item} label={labels.format(item)} data-testid={`reconciliation-format-${item}`} />
            ))}
          </RadioGroup>
        </Field>
        <Button
          className={styles.submit}
          type="submit"
          appearance="primary"
          icon={<ArrowExportLtrRegular />}
          disabled={request.isPending || !period}
          data-testid="reconciliation-start"
        >
          {t('billing.reconciliation.start')}
        </Button>
      </form>
      <ErrorBar error={periodError ? null : request.error} fieldPaths={['/period']} testId="reconciliation-error" />
      {started ? (
        <MessageBar intent="success" politeness="polite" data-testid="reconciliation-started">
          <MessageBarBody>
            {t('billing.reconciliation.started', { period: format.month(started.period), documents: labels.direction(started.direction), format: labels.format(started.format) })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

function DownloadButton({ entry }: { entry: ReconciliationExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useExportLabels();
  if (!entry.downloadUrl) return null;
  const href = apiPath(entry.downloadUrl);
  // The link was handed out with the list; one about to expire is renewed (read the export again) first.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if (!entry.downloadExpiresAt || Date.parse(entry.downloadExpiresAt) - Date.now() > LINK_MARGIN_MS) return;
    event.preventDefault();
    fetchReconciliationExport(entry.id)
      .then((fresh) => window.location.assign(fresh.downloadUrl ? apiPath(fresh.downloadUrl) : href))
      .catch(() => window.location.assign(href));
  };
  return (
    <Button
      as="a"
      href={href}
      download
      size="small"
      icon={<ArrowDownloadRegular />}
      onClick={onClick}
      aria-label={t('billing.reconciliation.downloadLabel', { period: format.month(entry.period), documents: labels.direction(entry.direction), format: labels.format(entry.format) })}
      data-testid={`export-download-${entry.id}`}
    >
      {t('billing.reconciliation.download')}
    </Button>
  );
}

function ExportList() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useExportLabels();
  const fileSize = useFileSize();
  const exports = useReconciliationExports();

  if (exports.error) return <ErrorBar error={exports.error} testId="reconciliation-list-error" />;
  if (exports.isPending) return <Loading />;
  const rows = exports.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="reconciliation-empty">
        {t('billing.reconciliation.empty')}
      </div>
    );
  }

  return (
    <>
      <div className={styles.tableWrap}>
        <DataTable<ReconciliationExport>
          size="small"
          className={styles.table}
          aria-label={t('billing.reconciliation.listTitle')}
          testId="reconciliation-exports"
          rows={rows}
          rowId={(entry) => entry.id}
          rowProps={(entry) => ({ 'data-testid': `export-row-${entry.id}`, 'data-status': entry.status })}
          columns={[
            { id: 'period', header: t('billing.columns.period'), cellTestId: 'export-period', cell: (entry) => format.month(entry.period) },
            { id: 'direction', header: t('billing.reconciliation.documents'), cellTestId: 'export-direction', cell: (entry) => labels.direction(entry.direction) },
            { id: 'format', header: t('billing.reconciliation.fileFormat'), cellTestId: 'export-format', cell: (entry) => labels.format(entry.format) },
            { id: 'requested', header: t('billing.reconciliation.requestedAt'), cellTestId: 'export-requested', cell: (entry) => format.dateTime(entry.createdAt) },
            {
              id: 'status',
              header: t('billing.reconciliation.statusColumn'),
              cellTestId: 'export-status',
              cell: (entry) => (
                <span className={styles.status} aria-live="polite">
                  {exportInProgress(entry) ? <Spinner size="extra-tiny" aria-hidden="true" /> : null}
                  <Badge appearance="tint" color={statusColor(entry.status)} data-status={entry.status}>
                    {labels.status(entry.status)}
                  </Badge>
                </span>
              ),
            },
            {
              id: 'rows',
              header: t('billing.reconciliation.rows'),
              cellClassName: styles.number,
              cellTestId: 'export-rows',
              cell: (entry) => (entry.rowCount === null ? t('common.emptyValue') : format.number(entry.rowCount)),
            },
            {
              id: 'size',
              header: t('billing.reconciliation.size'),
              cellClassName: styles.number,
              cellTestId: 'export-size',
              cell: (entry) => (entry.byteSize === null ? t('common.emptyValue') : fileSize(entry.byteSize)),
            },
            { id: 'download', header: '', headerLabel: t('billing.reconciliation.download'), cell: (entry) => <DownloadButton entry={entry} /> },
          ]}
        />
      </div>
      {exports.hasNextPage ? (
        <div className={styles.more}>
          <Button onClick={() => void exports.fetchNextPage()} disabled={exports.isFetchingNextPage} data-testid="reconciliation-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

export default function ReconciliationExports() {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div data-testid="reconciliation-page">
      <PageHeader title={t('billing.reconciliation.title')} description={t('billing.reconciliation.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <div className={styles.root}>
          <ExportForm />
          <Subtitle2 as="h2">{t('billing.reconciliation.listTitle')}</Subtitle2>
          <ExportList />
        </div>
      </RequirePermission>
    </div>
  );
}
