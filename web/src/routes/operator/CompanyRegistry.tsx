import { useRef, useState, type ChangeEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowUploadRegular, DocumentRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useImportCompanyRegistry } from '../../api/operator';
import { ErrorBar } from '../../components/ErrorBar';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '820px' },
  columns: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    overflowX: 'auto',
    whiteSpace: 'pre',
  },
  file: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  hidden: { display: 'none' },
  fileName: { display: 'inline-flex', gap: '6px', alignItems: 'center' },
  list: { margin: '4px 0 0', paddingInlineStart: '20px', maxHeight: '320px', overflowY: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const COLUMNS = 'dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country';

interface ChosenFile {
  name: string;
  text: string;
  rows: number;
}

/** One line per refused item: `/rows/3/dunsNumber` → "Line 3, dunsNumber: …". */
function useImportErrorText() {
  const { t } = useTranslation();
  return (path: string, message: string): string => {
    const row = /^\/rows\/(\d+)\/(.+)$/.exec(path);
    if (row) return t('registry.rowError', { line: row[1], column: row[2], message });
    const column = /^\/columns\/(.+)$/.exec(path);
    if (column) return t('registry.columnError', { column: column[1], message });
    return message;
  };
}

function CompanyRegistryContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState(false);
  const errorText = useImportErrorText();

  const importFile = useImportCompanyRegistry();

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    importFile.reset();
    setReadError(false);
    if (!chosen) return;
    try {
      const text = await chosen.text();
      const rows = text.split(/\r?\n/).filter((line) => line.trim()).length - 1;
      setFile({ name: chosen.name, text, rows: Math.max(rows, 0) });
    } catch {
      setFile(null);
      setReadError(true);
    }
  };

  const invalid = importFile.error instanceof ApiError && importFile.error.code === 'registry_import_invalid' ? importFile.error : null;

  if (!canManage) {
    return (
      <MessageBar intent="info" data-testid="registry-read-only">
        <MessageBarBody>{t('registry.readOnly')}</MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.root}>
      <Card>
        <CardHeader
          header={<Text weight="semibold">{t('registry.formatTitle')}</Text>}
          description={<Caption1 className={styles.muted}>{t('registry.formatDescription')}</Caption1>}
        />
        <div className={styles.columns}>{COLUMNS}</div>
      </Card>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('registry.importTitle')}</Text>} />
        <div className={styles.file}>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            className={styles.hidden}
            onChange={(event) => void onChoose(event)}
            data-testid="registry-file"
          />
          <Button icon={<DocumentRegular />} onClick={() => input.current?.click()} data-testid="registry-choose">
            {t('registry.choose')}
          </Button>
          {file ? (
            <Body1 className={styles.fileName} data-testid="registry-file-name">
              {t('registry.chosen', { name: file.name, formatted: format.number(file.rows) })}
            </Body1>
          ) : (
            <Body1 className={styles.muted}>{t('registry.noFile')}</Body1>
          )}
        </div>
        <div>
          <Button
            appearance="primary"
            icon={<ArrowUploadRegular />}
            disabled={!file || importFile.isPending}
            onClick={() => file && importFile.mutate(file.text)}
            data-testid="registry-import"
          >
            {importFile.isPending ? t('registry.importing') : t('registry.import')}
          </Button>
        </div>
        {readError ? (
          <MessageBar intent="error">
            <MessageBarBody>{t('registry.readError')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {importFile.data ? (
          <MessageBar intent="success" data-testid="registry-imported">
            <MessageBarBody>{t('registry.imported', { formatted: format.number(importFile.data.imported) })}</MessageBarBody>
          </MessageBar>
        ) : null}
        {invalid ? (
          <MessageBar intent="error" layout="multiline" data-testid="registry-invalid">
            <MessageBarBody>
              <MessageBarTitle>{invalid.problem.detail ?? t('registry.invalidTitle')}</MessageBarTitle>
              <ul className={styles.list}>
                {(invalid.problem.errors ?? []).map((item, index) => (
                  <li key={`${item.path}-${index}`} data-testid={`registry-error-${item.path.replace(/^\//, '').replace(/\//g, '-')}`}>
                    {errorText(item.path, item.message)}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        ) : importFile.error ? (
          <ErrorBar error={importFile.error} testId="registry-error" />
        ) : null}
      </Card>
    </div>
  );
}

export default function CompanyRegistry() {
  const { t } = useTranslation();
  return (
    <div data-testid="company-registry-page">
      <PageHeader title={t('registry.title')} description={t('registry.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
        <CompanyRegistryContent />
      </RequirePermission>
    </div>
  );
}
