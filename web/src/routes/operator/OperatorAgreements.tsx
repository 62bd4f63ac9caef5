import { useState, type FormEvent } from 'react';
import {
  Badge,
  Body1,
  Button,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { keys } from '../../api/keys';
import { usePublishAgreement } from '../../api/operator';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { LANGUAGES, isLanguage, type Language } from '../../i18n';
import { useLanguageNames } from '../../i18n/useLanguageNames';
import { agreementTitle, useEnrollmentLabels } from '../../labels';
import { useAgreements } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import type { Agreement, AgreementType } from '@contracts/enrollment';
import { AGREEMENT_TYPES } from '../../values';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1000px' },
  tableWrap: { overflowX: 'auto' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  body: { minHeight: '220px' },
  bodyInput: { fontFamily: tokens.fontFamilyMonospace },
  languages: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const FIELD_PATHS = ['/type', '/version', '/language', '/title', '/body'] as const;

interface PublishForm {
  type: AgreementType;
  version: string;
  language: Language;
  title: string;
  body: string;
}

function PublishAgreement() {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  const languageNames = useLanguageNames();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PublishForm>({ type: 'partnerAgreement', version: '', language: 'en', title: '', body: '' });
  const [submitted, setSubmitted] = useState(false);
  const [published, setPublished] = useState<Agreement | null>(null);

  const publish = usePublishAgreement({
    onSuccess: async (agreement) => {
      setPublished(agreement);
      setSubmitted(false);
      setValues((current) => ({ ...current, title: '', body: '' }));
      await queryClient.invalidateQueries({ queryKey: keys.agreements.all });
    },
  });

  const clientErrors: Record<string, string | undefined> = {
    '/version': !values.version.trim()
      ? t('validation.required')
      : /^[A-Za-z0-9._-]{1,40}$/.test(values.version.trim())
        ? undefined
        : t('operatorAgreements.versionInvalid'),
    '/title': values.title.trim() ? undefined : t('validation.required'),
    '/body': values.body.trim() ? undefined : t('validation.required'),
  };
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? fieldError(publish.error, path);
  const props = (path: string) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setPublished(null);
    if (Object.values(clientErrors).some(Boolean)) return;
    publish.mutate({ ...values, version: values.version.trim(), title: values.title.trim() });
  };

  return (
    <Card>
      <CardHeader
        header={<Text weight="semibold">{t('operatorAgreements.publishTitle')}</Text>}
        description={<Body1 className={styles.muted}>{t('operatorAgreements.publishDescription')}</Body1>}
      />
      <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="publish-agreement-form">
        <ErrorBar error={publish.error} fieldPaths={FIELD_PATHS} testId="publish-agreement-error" />
        {published ? (
          <MessageBar intent="success" data-testid="publish-agreement-done">
            <MessageBarBody>
              {t('operatorAgreements.published', { type: labels.agreementType(published.type), version: published.version })}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.row}>
          <Field label={t('operatorAgreements.type')} required {...props('/type')}>
            <Dropdown
              value={labels.agreementType(values.type)}
              selectedOptions={[values.type]}
              onOptionSelect={(_event, data) => setValues({ ...values, type: data.optionValue as AgreementType })}
              data-testid="publish-agreement-type"
            >
              {AGREEMENT_TYPES.map((type) => (
                <Option key={type} value={type}>
                  {labels.agreementType(type)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('operatorAgreements.version')} hint={t('operatorAgreements.versionHint')} required {...props('/version')}>
            <Input
              value={values.version}
              onChange={(_event, data) => setValues({ ...values, version: data.value })}
              data-testid="publish-agreement-version"
            />
          </Field>
          <Field label={t('operatorAgreements.language')} required {...props('/language')}>
            <Dropdown
              value={languageNames[values.language]}
              selectedOptions={[values.language]}
              onOptionSelect={(_event, data) => {
                if (isLanguage(data.optionValue)) setValues({ ...values, language: data.optionValue });
              }}
              data-testid="publish-agreement-language"
            >
              {LANGUAGES.map((language) => (
                <Option key={language} value={language} lang={language}>
                  {languageNames[language]}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>
        <Field label={t('operatorAgreements.documentTitle')} required {...props('/title')}>
          <Input
            value={values.title}
            maxLength={200}
            onChange={(_event, data) => setValues({ ...values, title: data.value })}
            data-testid="publish-agreement-title"
          />
        </Field>
        <Field label={t('operatorAgreements.body')} hint={t('operatorAgreements.bodyHint')} required {...props('/body')}>
          <Textarea
            className={styles.body}
            textarea={{ className: styles.bodyInput }}
            value={values.body}
            resize="vertical"
            onChange={(_event, data) => setValues({ ...values, body: data.value })}
            data-testid="publish-agreement-body"
          />
        </Field>
        <div>
          <Button appearance="primary" type="submit" disabled={publish.isPending} data-testid="publish-agreement-submit">
            {t('operatorAgreements.publish')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function OperatorAgreementsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const agreements = useAgreements();

  return (
    <div className={styles.root}>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('operatorAgreements.listTitle')}</Text>} />
        {agreements.error ? (
          <ErrorBar error={agreements.error} testId="operator-agreements-error" />
        ) : agreements.isPending ? (
          <Loading />
        ) : agreements.data.items.length === 0 ? (
          <Body1 className={styles.muted}>{t('operatorAgreements.empty')}</Body1>
        ) : (
          <div className={styles.tableWrap}>
            <DataTable<Agreement>
              aria-label={t('operatorAgreements.listTitle')}
              testId="operator-agreements-table"
              rows={agreements.data.items}
              rowId={(agreement) => agreement.templateId}
              rowProps={(agreement) => ({ 'data-testid': `operator-agreement-${agreement.type}-${agreement.version}` })}
              columns={[
                {
                  id: 'type',
                  header: t('operatorAgreements.type'),
                  cell: (agreement) => (
                    <>
                      {labels.agreementType(agreement.type)}{' '}
                      {agreement.current ? (
                        <Badge appearance="tint" color="success" size="small">
                          {t('operatorAgreements.current')}
                        </Badge>
                      ) : null}
                    </>
                  ),
                },
                { id: 'version', header: t('operatorAgreements.version'), cell: (agreement) => agreement.version },
                { id: 'title', header: t('operatorAgreements.documentTitle'), cell: (agreement) => agreementTitle(agreement.titles, format.language) },
                {
                  id: 'languages',
                  header: t('operatorAgreements.languages'),
                  cell: (agreement) => (
                    <span className={styles.languages}>
                      {agreement.languages.map((language) => (
                        <Link key={language} href={apiPath(`/agreements/${encodeURIComponent(agreement.templateId)}/download`, { language })} download>
                          {language}
                        </Link>
                      ))}
                    </span>
                  ),
                },
                { id: 'created', header: t('operatorAgreements.created'), cell: (agreement) => format.date(agreement.createdAt) },
              ]}
            />
          </div>
        )}
      </Card>
      {canManage ? <PublishAgreement /> : null}
    </div>
  );
}

export default function OperatorAgreements() {
  const { t } = useTranslation();
  return (
    <div data-testid="operator-agreements-page">
      <PageHeader title={t('operatorAgreements.title')} description={t('operatorAgreements.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
        <OperatorAgreementsContent />
      </RequirePermission>
    </div>
  );
}
