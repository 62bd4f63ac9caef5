import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useHolidays, useSaveHolidays } from '../../api/operator';
import { keys } from '../../api/keys';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import type { Holiday } from '@contracts/operator';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '760px' },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  dayCell: { width: '200px' },
  actionsCell: { width: '60px' },
  toolbar: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  empty: { padding: '20px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
});


interface Row extends Holiday {
  key: number;
}

let nextKey = 1;
const toRows = (items: readonly Holiday[]): Row[] => items.map((item) => ({ ...item, key: nextKey++ }));

/** ENR-6: the operator's holiday calendar (days that are not business days for review times). */
function HolidaysContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const holidays = useHolidays();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (holidays.data && rows === null) setRows(toRows(holidays.data.items));
  }, [holidays.data, rows]);

  const save = useSaveHolidays({
    onSuccess: (result) => {
      queryClient.setQueryData(keys.operator.holidays, result);
      setRows(toRows(result.items));
      setSubmitted(false);
      setSaved(true);
    },
  });

  if (holidays.error) return <ErrorBar error={holidays.error} testId="holidays-error" />;
  if (holidays.isPending || rows === null) return <Loading />;

  const update = (key: number, change: Partial<Holiday>) => {
    setSaved(false);
    setRows(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  };
  const remove = (key: number) => {
    setSaved(false);
    setRows(rows.filter((row) => row.key !== key));
  };
  const add = () => {
    setSaved(false);
    setRows([...rows, { key: nextKey++, day: '', name: '' }]);
  };

  const clientError = (row: Row, field: keyof Holiday) => {
    if (!submitted) return undefined;
    if (field === 'day' && !/^\d{4}-\d{2}-\d{2}$/.test(row.day)) return t('holidays.dayRequired');
    if (field === 'name' && !row.name.trim()) return t('validation.required');
    return undefined;
  };
  const errorFor = (row: Row, index: number, field: keyof Holiday) => clientError(row, field) ?? fieldError(save.error, `/items/${index}/${field}`);
  const hasClientErrors = rows.some((row) => !/^\d{4}-\d{2}-\d{2}$/.test(row.day) || !row.name.trim());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setSaved(false);
    if (hasClientErrors) return;
    save.mutate(rows.map((row) => ({ day: row.day, name: row.name.trim() })));
  };

  return (
    <form className={styles.root} onSubmit={onSubmit} noValidate data-testid="holidays-form">
      <ErrorBar error={save.error} fieldPaths={['/items']} testId="holidays-save-error" />
      {saved ? (
        <MessageBar intent="success" data-testid="holidays-saved">
          <MessageBarBody>{t('holidays.saved')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.tableWrap}>
        <DataTable<Row>
          aria-label={t('holidays.title')}
          testId="holidays-table"
          rows={rows}
          rowId={(row) => String(row.key)}
          rowProps={(_row, index) => ({ 'data-testid': `holiday-row-${index}` })}
          columns={[
            {
              id: 'day',
              header: t('holidays.day'),
              headerClassName: styles.dayCell,
              cell: (row, index) =>
                canManage ? (
                  <Field
                    validationMessage={errorFor(row, index, 'day')}
                    validationState={errorFor(row, index, 'day') ? 'error' : 'none'}
                    hint={row.day && /^\d{4}-\d{2}-\d{2}$/.test(row.day) ? format.day(row.day) : undefined}
                  >
                    <Input
                      type="date"
                      value={row.day}
                      aria-label={t('holidays.day')}
                      onChange={(_event, data) => update(row.key, { day: data.value })}
                      data-testid={`holiday-day-${index}`}
                    />
                  </Field>
                ) : (
                  format.day(row.day)
                ),
            },
            {
              id: 'name',
              header: t('holidays.name'),
              cell: (row, index) =>
                canManage ? (
                  <Field validationMessage={errorFor(row, index, 'name')} validationState={errorFor(row, index, 'name') ? 'error' : 'none'}>
                    <Input
                      value={row.name}
                      maxLength={200}
                      aria-label={t('holidays.name')}
                      onChange={(_event, data) => update(row.key, { name: data.value })}
                      data-testid={`holiday-name-${index}`}
                    />
                  </Field>
                ) : (
                  row.name
                ),
            },
            ...(canManage
              ? [
                  {
                    id: 'remove',
                    header: null,
                    headerLabel: t('holidays.remove'),
                    headerClassName: styles.actionsCell,
                    cell: (row: Row, index: number) => (
                      <Tooltip content={t('holidays.remove')} relationship="label">
                        <Button appearance="subtle" icon={<DeleteRegular />} onClick={() => remove(row.key)} data-testid={`holiday-remove-${index}`} />
                      </Tooltip>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {rows.length === 0 ? <div className={styles.empty}>{t('holidays.empty')}</div> : null}
      </div>
      {canManage ? (
        <div className={styles.toolbar}>
          <Button icon={<AddRegular />} onClick={add} data-testid="holiday-add">
            {t('holidays.add')}
          </Button>
          <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="holidays-save">
            {t('common.save')}
          </Button>
        </div>
      ) : (
        <Caption1 className={styles.muted}>{t('holidays.readOnly')}</Caption1>
      )}
    </form>
  );
}

export default function Holidays() {
  const { t } = useTranslation();
  return (
    <div data-testid="holidays-page">
      <PageHeader title={t('holidays.title')} description={t('holidays.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
        <HolidaysContent />
      </RequirePermission>
    </div>
  );
}
