import { useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPath } from '../../api';
import { useAcceptAndEnrollPublisher, useAgreementDocument, useEnrollPublisher, usePublisherAgreements } from '../../api/partner';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { agreementTitle } from '../../labels';
import { PERMISSIONS, isPublisherTenant } from '../../permissions';
import { ME_QUERY_KEY } from '../../queryClient';
import { useMe } from '../../session';
import type { Agreement } from '@contracts/enrollment';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '880px' },
  list: { margin: 0, paddingInlineStart: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  frame: {
    width: '100%',
    height: '320px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#ffffff',
    boxSizing: 'border-box',
  },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

interface Contact {
  firstName: string;
  lastName: string;
  email: string;
}

function splitName(displayName: string): { firstName: string; lastName: string } {
  const parts = displayName.trim().split(/\s+/);
  if (parts.length < 2) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1]! };
}

/** The current publisher agreement, read and accepted before the enrollment is sent again. */
function AgreementStep({ agreement, onEnrolled }: { agreement: Agreement; onEnrolled(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const [contact, setContact] = useState<Contact>(() => ({ ...splitName(me?.user.displayName ?? ''), email: me?.user.email ?? '' }));
  const [confirmed, setConfirmed] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const document = useAgreementDocument(agreement.templateId, format.language);

  const accept = useAcceptAndEnrollPublisher<Contact>(agreement.templateId, {
    onSuccess: onEnrolled,
  });

  const errors = {
    firstName: contact.firstName.trim() ? undefined : t('validation.required'),
    lastName: contact.lastName.trim() ? undefined : t('validation.required'),
    email: !contact.email.trim() ? t('validation.required') : isPlausibleEmail(contact.email) ? undefined : t('validation.email'),
  };
  const props = (field: keyof Contact) => {
    const message = submitted ? errors[field] : undefined;
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const title = agreementTitle(agreement.titles, format.language);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!confirmed || Object.values(errors).some(Boolean)) return;
    accept.mutate({ firstName: contact.firstName.trim(), lastName: contact.lastName.trim(), email: contact.email.trim() });
  };

  return (
    <Card data-testid="publisher-agreement-step" data-template-id={agreement.templateId}>
      <CardHeader
        header={<Text weight="semibold">{t('marketplace.publisher.agreementTitle', { title, version: agreement.version })}</Text>}
        description={<Body1>{t('marketplace.publisher.agreementIntro')}</Body1>}
      />
      {document.data !== undefined ? (
        <iframe
          className={styles.frame}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={document.data}
          title={title}
          data-testid="publisher-agreement-document"
        />
      ) : document.error ? (
        <ErrorBar error={document.error} />
      ) : (
        <Loading />
      )}
      <div className={styles.actions}>
        <Button
          as="a"
          href={apiPath(`/agreements/${encodeURIComponent(agreement.templateId)}/download`, { language: format.language })}
          download
          icon={<ArrowDownloadRegular />}
        >
          {t('marketplace.publisher.download')}
        </Button>
      </div>
      <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="publisher-agreement-form">
        <ErrorBar error={accept.error} testId="publisher-agreement-error" />
        <div className={styles.row}>
          <Field label={t('marketplace.publisher.firstName')} required {...props('firstName')}>
            <Input value={contact.firstName} onChange={(_e, data) => setContact({ ...contact, firstName: data.value })} data-testid="publisher-first-name" />
          </Field>
          <Field label={t('marketplace.publisher.lastName')} required {...props('lastName')}>
            <Input value={contact.lastName} onChange={(_e, data) => setContact({ ...contact, lastName: data.value })} data-testid="publisher-last-name" />
          </Field>
        </div>
        <Field label={t('marketplace.publisher.email')} required {...props('email')}>
          <Input type="email" value={contact.email} onChange={(_e, data) => setContact({ ...contact, email: data.value })} data-testid="publisher-email" />
        </Field>
        <Field
          validationMessage={submitted && !confirmed ? t('marketplace.publisher.confirmRequired') : undefined}
          validationState={submitted && !confirmed ? 'error' : 'none'}
        >
          <Checkbox
            checked={confirmed}
            onChange={(_e, data) => setConfirmed(data.checked === true)}
            label={t('marketplace.publisher.confirm', { title, version: agreement.version, organization: me?.tenant.name ?? '' })}
            data-testid="publisher-agreement-confirm"
          />
        </Field>
        <div>
          <Button appearance="primary" type="submit" disabled={accept.isPending} data-testid="publisher-agreement-accept">
            {accept.isPending ? t('marketplace.publisher.enrolling') : t('marketplace.publisher.acceptAndEnroll')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function BecomePublisherContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [agreementNeeded, setAgreementNeeded] = useState(false);
  const agreements = usePublisherAgreements(agreementNeeded);

  const onEnrolled = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    navigate('/marketplace/offers?enrolled=1');
  };

  const enroll = useEnrollPublisher({
    onSuccess: onEnrolled,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'publisher_agreement_required') setAgreementNeeded(true);
    },
  });

  if (isPublisherTenant(me?.memberships)) {
    return (
      <MessageBar intent="success" data-testid="publisher-already">
        <MessageBarBody>
          <MessageBarTitle>{t('marketplace.publisher.alreadyTitle')}</MessageBarTitle>
          {t('marketplace.publisher.already')}
        </MessageBarBody>
        <Button appearance="transparent" onClick={() => navigate('/marketplace/offers')}>
          {t('marketplace.publisher.goOffers')}
        </Button>
      </MessageBar>
    );
  }

  const current = agreements.data?.items.find((item) => item.current);

  return (
    <div className={styles.root}>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('marketplace.publisher.whatTitle')}</Text>} />
        <ul className={styles.list}>
          <li>{t('marketplace.publisher.what1')}</li>
          <li>{t('marketplace.publisher.what2')}</li>
          <li>{t('marketplace.publisher.what3')}</li>
        </ul>
        {!agreementNeeded ? (
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => enroll.mutate()} disabled={enroll.isPending} data-testid="publisher-enroll">
              {enroll.isPending ? t('marketplace.publisher.enrolling') : t('marketplace.publisher.enroll')}
            </Button>
          </div>
        ) : null}
        {enroll.error && !agreementNeeded ? <ErrorBar error={enroll.error} testId="publisher-enroll-error" /> : null}
      </Card>
      {agreementNeeded ? (
        agreements.error ? (
          <ErrorBar error={agreements.error} />
        ) : agreements.isPending ? (
          <Loading />
        ) : current ? (
          <AgreementStep agreement={current} onEnrolled={onEnrolled} />
        ) : (
          <ErrorBar error={enroll.error} testId="publisher-enroll-error" />
        )
      ) : null}
    </div>
  );
}

export default function BecomePublisher() {
  const { t } = useTranslation();
  return (
    <div data-testid="become-publisher-page">
      <PageHeader title={t('marketplace.publisher.title')} description={t('marketplace.publisher.description')} />
      <RequirePermission permission={PERMISSIONS.publisherEnroll}>
        <BecomePublisherContent />
      </RequirePermission>
    </div>
  );
}
