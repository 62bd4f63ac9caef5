import { useEffect, useState, type FormEvent } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPath } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { agreementTitle, useEnrollmentLabels } from '../../labels';
import { useAcceptAgreement, useAcceptances, useAgreementDocument, useAgreements, useLegalProfile, useRefreshStanding } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe, usePermission } from '../../session';
import type { Acceptance, Agreement } from '@contracts/enrollment';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '960px' },
  meta: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  frame: {
    width: '100%',
    height: '460px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#ffffff',
    boxSizing: 'border-box',
  },
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  tableWrap: { overflowX: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Readable defaults for the agreement document, which arrives as bare HTML. */
const DOCUMENT_STYLE =
  '<style>body{font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;' +
  'font-size:14px;line-height:1.6;color:#242424;margin:20px 24px;}h1{font-size:22px;font-weight:600;}h2{font-size:18px;font-weight:600;}' +
  'a{color:#115ea3;}table{border-collapse:collapse;}td,th{border:1px solid #d1d1d1;padding:4px 8px;}</style>';

function withDocumentStyle(html: string): string {
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + DOCUMENT_STYLE) : DOCUMENT_STYLE + html;
}

/**
 * The agreement's HTML in a sandboxed frame: no scripts, no forms, no same-origin access (ENR-9: the
 * document can be read before it is accepted).
 */
export function AgreementDocument({ agreement, language }: { agreement: Agreement; language: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const document = useAgreementDocument(agreement.templateId, language);
  if (document.error) return <ErrorBar error={document.error} testId="agreement-document-error" />;
  if (document.isPending) return <Loading />;
  return (
    <iframe
      className={styles.frame}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={withDocumentStyle(document.data)}
      title={t('agreements.documentFrame', { title: agreementTitle(agreement.titles, language) })}
      data-testid="agreement-document"
    />
  );
}

interface ContactForm {
  firstName: string;
  lastName: string;
  email: string;
}

const ACCEPT_PATHS = ['/primaryContact'] as const;

function AcceptForm({ agreement, onAccepted }: { agreement: Agreement; onAccepted(acceptance: Acceptance): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const { data: me } = useMe();
  const legal = useLegalProfile();
  const refresh = useRefreshStanding();
  const [confirmed, setConfirmed] = useState(false);
  const [contact, setContact] = useState<ContactForm>({ firstName: '', lastName: '', email: '' });
  const [submitted, setSubmitted] = useState(false);

  // The primary contact of the legal profile is the natural default.
  const primary = legal.data?.primaryContact;
  useEffect(() => {
    if (primary) {
      setContact((current) =>
        current.firstName || current.lastName || current.email
          ? current
          : { firstName: primary.firstName, lastName: primary.lastName, email: primary.email },
      );
    }
  }, [primary]);

  const accept = useAcceptAgreement<{ primaryContact: ContactForm }>(agreement.templateId, {
    onSuccess: async (acceptance) => {
      onAccepted(acceptance);
      await refresh();
    },
  });

  const clientErrors: Record<string, string | undefined> = {
    firstName: contact.firstName.trim() ? undefined : t('validation.required'),
    lastName: contact.lastName.trim() ? undefined : t('validation.required'),
    email: !contact.email.trim() ? t('validation.required') : isPlausibleEmail(contact.email) ? undefined : t('validation.email'),
  };
  const errorFor = (field: keyof ContactForm) =>
    (submitted ? clientErrors[field] : undefined) ?? fieldError(accept.error, `/primaryContact/${field}`);
  const props = (field: keyof ContactForm) => {
    const message = errorFor(field);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!confirmed || Object.values(clientErrors).some(Boolean)) return;
    accept.mutate({
      primaryContact: { firstName: contact.firstName.trim(), lastName: contact.lastName.trim(), email: contact.email.trim() },
    });
  };

  const code = accept.error instanceof ApiError ? accept.error.code : undefined;
  const blocked = code === 'enrollment_not_verified' || code === 'partner_id_not_associated';

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="agreement-accept-form">
      {blocked ? (
        <MessageBar intent="error" layout="multiline" data-testid="agreement-accept-error" data-code={code}>
          <MessageBarBody>
            <MessageBarTitle>{t('agreements.cannotAccept')}</MessageBarTitle>
            {accept.error instanceof ApiError ? accept.error.problem.detail : null}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate(code === 'partner_id_not_associated' ? '/locations' : '/enrollment')}>
              {code === 'partner_id_not_associated' ? t('agreements.goLocations') : t('agreements.goEnrollment')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <ErrorBar error={accept.error} fieldPaths={ACCEPT_PATHS} testId="agreement-accept-error" />
      )}
      <Body1>{t('agreements.contactIntro')}</Body1>
      <div className={styles.row}>
        <Field label={t('agreements.firstName')} required {...props('firstName')}>
          <Input
            value={contact.firstName}
            onChange={(_event, data) => setContact({ ...contact, firstName: data.value })}
            data-testid="agreement-first-name"
          />
        </Field>
        <Field label={t('agreements.lastName')} required {...props('lastName')}>
          <Input
            value={contact.lastName}
            onChange={(_event, data) => setContact({ ...contact, lastName: data.value })}
            data-testid="agreement-last-name"
          />
        </Field>
      </div>
      <Field label={t('agreements.email')} required {...props('email')}>
        <Input
          type="email"
          value={contact.email}
          onChange={(_event, data) => setContact({ ...contact, email: data.value })}
          data-testid="agreement-email"
        />
      </Field>
      <Field
        validationMessage={submitted && !confirmed ? t('agreements.confirmRequired') : undefined}
        validationState={submitted && !confirmed ? 'error' : 'none'}
      >
        <Checkbox
          checked={confirmed}
          onChange={(_event, data) => setConfirmed(data.checked === true)}
          label={t('agreements.confirm', {
            title: agreementTitle(agreement.titles, format.language),
            version: agreement.version,
            organization: me?.tenant.name ?? '',
          })}
          data-testid="agreement-confirm"
        />
      </Field>
      <div>
        <Button appearance="primary" type="submit" disabled={!confirmed || accept.isPending} data-testid="agreement-accept">
          {accept.isPending ? t('agreements.accepting') : t('agreements.accept')}
        </Button>
      </div>
    </form>
  );
}

function AcceptancesTable({ acceptances }: { acceptances: readonly Acceptance[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  if (acceptances.length === 0) return <Body1 className={styles.muted}>{t('agreements.noAcceptances')}</Body1>;
  return (
    <div className={styles.tableWrap}>
      <DataTable<Acceptance>
        aria-label={t('agreements.acceptancesTitle')}
        testId="acceptances-table"
        rows={acceptances}
        rowId={(acceptance) => acceptance.id}
        rowProps={(acceptance) => ({ 'data-testid': `acceptance-${acceptance.templateId}` })}
        columns={[
          { id: 'agreement', header: t('agreements.columnAgreement'), cell: (acceptance) => labels.agreementType(acceptance.type) },
          { id: 'version', header: t('agreements.columnVersion'), cell: (acceptance) => acceptance.version },
          { id: 'acceptedAt', header: t('agreements.columnAcceptedAt'), cell: (acceptance) => format.dateTime(acceptance.acceptedAt) },
          {
            id: 'acceptedBy',
            header: t('agreements.columnAcceptedBy'),
            cell: (acceptance) => (
              <>
                {acceptance.user.name}
                <Caption1 block className={styles.muted}>
                  {acceptance.user.email}
                </Caption1>
              </>
            ),
          },
          {
            id: 'contact',
            header: t('agreements.columnContact'),
            cell: (acceptance) => (
              <>
                {acceptance.primaryContact.firstName} {acceptance.primaryContact.lastName}
                <Caption1 block className={styles.muted}>
                  {acceptance.primaryContact.email}
                </Caption1>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

function AgreementsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const canAccept = usePermission(PERMISSIONS.agreementsAccept);
  const canReadAcceptances = usePermission(PERMISSIONS.partnerProfileRead);
  const agreements = useAgreements('partnerAgreement');
  const acceptances = useAcceptances(canReadAcceptances);
  const [justAccepted, setJustAccepted] = useState<Acceptance | null>(null);
  const language = format.language;

  if (agreements.error) return <ErrorBar error={agreements.error} testId="agreements-error" />;
  if (agreements.isPending) return <Loading />;

  const current = agreements.data.items.find((item) => item.current);
  const accepted =
    (current && acceptances.data?.items.find((item) => item.templateId === current.templateId)) ??
    (current && justAccepted?.templateId === current.templateId ? justAccepted : undefined);

  return (
    <div className={styles.root}>
      {!current ? (
        <MessageBar intent="info" data-testid="agreement-none">
          <MessageBarBody>{t('agreements.none')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Card data-testid="agreement-current" data-template-id={current.templateId}>
            <CardHeader
              header={
                <Text weight="semibold" size={500} data-testid="agreement-title">
                  {agreementTitle(current.titles, language)}
                </Text>
              }
              description={
                <span className={styles.meta}>
                  <span data-testid="agreement-version">{t('agreements.version', { version: current.version })}</span>
                  <span>·</span>
                  <span>{t('agreements.published', { date: format.date(current.createdAt) })}</span>
                  {accepted ? (
                    <Badge appearance="filled" color="success" icon={<CheckmarkCircleRegular />}>
                      {t('agreements.acceptedBadge')}
                    </Badge>
                  ) : null}
                </span>
              }
            />
            <div className={styles.toolbar}>
              <Button
                as="a"
                href={apiPath(`/agreements/${encodeURIComponent(current.templateId)}/download`, { language })}
                download
                icon={<ArrowDownloadRegular />}
                data-testid="agreement-download"
              >
                {t('agreements.download')}
              </Button>
            </div>
            <AgreementDocument agreement={current} language={language} />
          </Card>
          <Card>
            <CardHeader header={<Text weight="semibold">{t('agreements.acceptTitle')}</Text>} />
            {accepted ? (
              <MessageBar intent="success" layout="multiline" data-testid="agreement-accepted">
                <MessageBarBody>
                  <MessageBarTitle>{t('agreements.acceptedTitle')}</MessageBarTitle>
                  {t('agreements.acceptedMessage', {
                    date: format.dateTime(accepted.acceptedAt),
                    name: accepted.user.name,
                    email: accepted.user.email,
                  })}
                </MessageBarBody>
              </MessageBar>
            ) : canAccept ? (
              <AcceptForm agreement={current} onAccepted={setJustAccepted} />
            ) : (
              <MessageBar intent="info" data-testid="agreement-global-admin-only">
                <MessageBarBody>{t('agreements.globalAdminOnly')}</MessageBarBody>
              </MessageBar>
            )}
          </Card>
        </>
      )}
      {canReadAcceptances ? (
        <Card>
          <CardHeader header={<Text weight="semibold">{t('agreements.acceptancesTitle')}</Text>} />
          {acceptances.error ? (
            <ErrorBar error={acceptances.error} testId="acceptances-error" />
          ) : acceptances.isPending ? (
            <Loading />
          ) : (
            <AcceptancesTable acceptances={acceptances.data.items} />
          )}
        </Card>
      ) : null}
    </div>
  );
}

export default function Agreements() {
  const { t } = useTranslation();
  return (
    <div data-testid="agreements-page">
      <PageHeader title={t('agreements.title')} description={t('agreements.description')} />
      <RequirePartnerPermission permission={PERMISSIONS.enrollmentRead}>
        <AgreementsContent />
      </RequirePartnerPermission>
    </div>
  );
}
