import { useEffect, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Card,
  Checkbox,
  Divider,
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
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useAcceptCustomerInvitation, useCustomerInvitationLink } from '../../api/customers';
import { useChannelLabels } from '../../channelLabels';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { agreementTitle } from '../../labels';
import { useAcceptAgreement, useAcceptances, useAgreements } from '../../api/partner';
import { keys } from '../../api/keys';
import { fieldError } from '../../problem';
import { ME_QUERY_KEY } from '../../queryClient';
import { useMe, useUserLanguageSync } from '../../session';
import type { Me } from '@contracts/identity';
import type { CustomerInvitationDescription } from '@contracts/customers';
import { isPlausibleEmail } from '../../validation';
import { AgreementDocument } from '../agreements/Agreements';
import { BulletList, InvitationUnavailable, SignInPrompt, SignedInAs } from './InvitationParts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '8px' },
  party: { display: 'flex', flexDirection: 'column', gap: '4px', padding: '12px 14px' },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: '10px', alignItems: 'start' },
});

/** Refusals of the acceptance that need more than the API's sentence. */
function useRefusal() {
  const { t } = useTranslation();
  return (error: unknown): { code: string; title: string; message: string } | null => {
    if (!(error instanceof ApiError)) return null;
    const code = error.code ?? String(error.status);
    if (code === 'not_a_customer_tenant') return { code, title: t('customerInvitationPage.notCustomerTitle'), message: t('customerInvitationPage.notCustomer') };
    if (code === 'region_mismatch') return { code, title: t('customerInvitationPage.regionMismatchTitle'), message: t('customerInvitationPage.regionMismatch') };
    if (code === 'customer_agreement_required') return { code, title: t('customerInvitationPage.agreementRequiredTitle'), message: t('customerInvitationPage.agreementRequired') };
    if (error.status === 403) return { code, title: t('customerInvitationPage.forbiddenTitle'), message: t('customerInvitationPage.forbidden') };
    return null;
  };
}

function Party({ title, party, testId }: { title: string; party: CustomerInvitationDescription['reseller']; testId: string }) {
  const styles = useStyles();
  const labels = useChannelLabels();
  return (
    <Card className={styles.party} data-testid={testId}>
      <Text className={styles.muted}>{title}</Text>
      <Text weight="semibold" data-testid={`${testId}-name`}>
        {party.name}
      </Text>
      <Text className={styles.muted}>{party.countryName}</Text>
      <BulletList items={party.canDo.map((key) => ({ key, label: labels.canDo(key) }))} testId={`${testId}-can`} />
    </Card>
  );
}

/** CUS-3: the customer's global admin reads and accepts the current customer agreement first. */
function CustomerAgreementStep({ templateId, me, onAccepted }: { templateId: string; me: Me; onAccepted(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const agreements = useAgreements('customerAgreement');
  const agreement = agreements.data?.items.find((item) => item.templateId === templateId);
  const [contact, setContact] = useState({ firstName: '', lastName: '', email: me.user.email });
  const [confirmed, setConfirmed] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    // The signed-in admin is the natural primary contact.
    const [firstName = '', ...rest] = me.user.displayName.split(' ');
    setContact((current) => (current.firstName || current.lastName ? current : { ...current, firstName, lastName: rest.join(' ') }));
  }, [me.user.displayName]);

  const accept = useAcceptAgreement<{ primaryContact: { firstName: string; lastName: string; email: string } }>(templateId, {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.partner.acceptances });
      onAccepted();
    },
    onError: (error) => {
      // Accepted already (another tab, another admin): nothing more to do here.
      if (error instanceof ApiError && error.code === 'agreement_already_accepted') onAccepted();
    },
  });

  const clientErrors: Record<string, string | undefined> = {
    firstName: contact.firstName.trim() ? undefined : t('validation.required'),
    lastName: contact.lastName.trim() ? undefined : t('validation.required'),
    email: !contact.email.trim() ? t('validation.required') : isPlausibleEmail(contact.email) ? undefined : t('validation.email'),
  };
  const props = (field: keyof typeof contact) => {
    const message = (submitted ? clientErrors[field] : undefined) ?? fieldError(accept.error, `/primaryContact/${field}`);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!confirmed || Object.values(clientErrors).some(Boolean)) return;
    accept.mutate({ primaryContact: { firstName: contact.firstName.trim(), lastName: contact.lastName.trim(), email: contact.email.trim() } });
  };

  if (agreements.error) return <ErrorBar error={agreements.error} testId="customer-agreement-error" />;
  if (agreements.isPending) return <Loading />;
  const title = agreement ? agreementTitle(agreement.titles, format.language) : t('customerInvitationPage.agreement');

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="customer-agreement-form">
      <Text weight="semibold">{t('customerInvitationPage.agreementStep', { title })}</Text>
      <Body1>{t('customerInvitationPage.agreementIntro')}</Body1>
      {agreement ? <AgreementDocument agreement={agreement} language={format.language} /> : null}
      <ErrorBar error={accept.error} fieldPaths={['/primaryContact']} testId="customer-agreement-accept-error" />
      <div className={styles.row}>
        <Field label={t('agreements.firstName')} required {...props('firstName')}>
          <Input value={contact.firstName} onChange={(_event, data) => setContact({ ...contact, firstName: data.value })} data-testid="customer-agreement-first-name" />
        </Field>
        <Field label={t('agreements.lastName')} required {...props('lastName')}>
          <Input value={contact.lastName} onChange={(_event, data) => setContact({ ...contact, lastName: data.value })} data-testid="customer-agreement-last-name" />
        </Field>
      </div>
      <Field label={t('agreements.email')} required {...props('email')}>
        <Input type="email" value={contact.email} onChange={(_event, data) => setContact({ ...contact, email: data.value })} data-testid="customer-agreement-email" />
      </Field>
      <Checkbox
        checked={confirmed}
        onChange={(_event, data) => setConfirmed(data.checked === true)}
        label={t('customerInvitationPage.agreementConfirm', { title, version: agreement?.version ?? '', organization: me.tenant.name })}
        data-testid="customer-agreement-confirm"
      />
      <div>
        <Button appearance="primary" type="submit" disabled={!confirmed || accept.isPending} data-testid="customer-agreement-accept">
          {accept.isPending ? t('agreements.accepting') : t('customerInvitationPage.agreementAccept')}
        </Button>
      </div>
    </form>
  );
}

/**
 * CUS-2, CUS-3: the page a reseller's invitation link opens. Anyone can read who asks for what; the
 * customer's global admin signs in (or creates the work account), accepts the customer agreement when
 * one is current, ticks the box and accepts — one step creates every relationship.
 */
export default function CustomerInvitation() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const { token = '' } = useParams();
  const { data: me, isPending: mePending } = useMe();
  useUserLanguageSync(me);
  const refusal = useRefusal();
  const [confirmed, setConfirmed] = useState(false);
  const [agreementDone, setAgreementDone] = useState(false);

  const invitation = useCustomerInvitationLink(token, format.language);
  const templateId = invitation.data?.customerAgreementTemplateId ?? null;
  // Whether this organization accepted the current customer agreement already.
  const acceptances = useAcceptances(!!me && !!templateId);
  const agreementAccepted = !templateId || agreementDone || !!acceptances.data?.items.some((item) => item.templateId === templateId);

  const accept = useAcceptCustomerInvitation(token, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });

  const refused = refusal(accept.error);
  const here = `/invitations/customer/${encodeURIComponent(token)}`;
  const data = invitation.data;
  const unusable =
    accept.error instanceof ApiError && ['invitation_expired', 'invitation_used', 'invitation_revoked'].includes(accept.error.code ?? '') ? accept.error : null;

  return (
    <AuthLayout title={t('customerInvitationPage.title')} wide testId="customer-invitation-page">
      <div className={styles.root}>
        {invitation.error && !accept.isSuccess ? (
          <InvitationUnavailable error={invitation.error} testId="customer-invitation-unavailable" />
        ) : (invitation.isPending && !data) || mePending ? (
          <Loading />
        ) : data ? (
          <>
            <Body1 data-testid="customer-invitation-intro">
              {data.provider
                ? t('customerInvitationPage.introWithProvider', { reseller: data.reseller.name, provider: data.provider.name })
                : t('customerInvitationPage.intro', { reseller: data.reseller.name })}
            </Body1>
            <Party title={t('customerInvitationPage.reseller')} party={data.reseller} testId="customer-invitation-reseller" />
            {data.provider ? <Party title={t('customerInvitationPage.provider')} party={data.provider} testId="customer-invitation-provider" /> : null}
            {data.delegatedAdmin ? (
              <MessageBar intent="info" layout="multiline" data-testid="customer-invitation-delegated">
                <MessageBarBody>
                  <MessageBarTitle>{t('customerInvitationPage.delegatedTitle', { reseller: data.reseller.name })}</MessageBarTitle>
                  {t('customerInvitationPage.delegated', {
                    roles: data.delegatedAdmin.roles.map((role) => labels.delegatedRole(role)).join(', '),
                    days: format.number(data.delegatedAdmin.durationDays),
                  })}
                  {data.delegatedAdmin.autoExtend ? ` ${t('customerInvitationPage.autoExtend')}` : ''}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <Text className={styles.muted} data-testid="customer-invitation-expires">
              {t('customerInvitationPage.expires', { date: format.date(data.expiresAt) })}
            </Text>
            <Divider />
            {accept.isSuccess ? (
              <MessageBar intent="success" layout="multiline" data-testid="customer-invitation-accepted">
                <MessageBarBody>
                  <MessageBarTitle>{t('customerInvitationPage.acceptedTitle')}</MessageBarTitle>
                  {t('customerInvitationPage.accepted', { reseller: data.reseller.name })}
                </MessageBarBody>
                <MessageBarActions>
                  <Button appearance="primary" onClick={() => navigate('/partner-relationships')} data-testid="customer-invitation-continue">
                    {t('customerInvitationPage.goToPartners')}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ) : !me ? (
              <SignInPrompt next={here} message={t('customerInvitationPage.signInPrompt')} allowSignUp />
            ) : (
              <>
                <SignedInAs me={me} />
                {templateId && !agreementAccepted ? (
                  acceptances.isPending && !acceptances.error ? (
                    <Loading />
                  ) : (
                    <CustomerAgreementStep templateId={templateId} me={me} onAccepted={() => setAgreementDone(true)} />
                  )
                ) : templateId ? (
                  <MessageBar intent="success" data-testid="customer-agreement-accepted">
                    <MessageBarBody>{t('customerInvitationPage.agreementAccepted')}</MessageBarBody>
                  </MessageBar>
                ) : null}
                {refused ? (
                  <MessageBar intent="error" layout="multiline" data-testid="customer-invitation-refused" data-code={refused.code}>
                    <MessageBarBody>
                      <MessageBarTitle>{refused.title}</MessageBarTitle>
                      {refused.message}
                    </MessageBarBody>
                  </MessageBar>
                ) : unusable ? (
                  <InvitationUnavailable error={unusable} testId="customer-invitation-accept-error" />
                ) : (
                  <ErrorBar error={accept.error} testId="customer-invitation-accept-error" />
                )}
                <Checkbox
                  checked={confirmed}
                  disabled={!agreementAccepted}
                  onChange={(_event, value) => setConfirmed(value.checked === true)}
                  label={
                    data.provider
                      ? t('customerInvitationPage.confirmWithProvider', { organization: me.tenant.name, reseller: data.reseller.name, provider: data.provider.name })
                      : t('customerInvitationPage.confirm', { organization: me.tenant.name, reseller: data.reseller.name })
                  }
                  data-testid="customer-invitation-confirm"
                />
                <div>
                  <Button
                    appearance="primary"
                    disabled={!confirmed || !agreementAccepted || accept.isPending}
                    onClick={() => accept.mutate()}
                    data-testid="customer-invitation-accept"
                  >
                    {accept.isPending ? t('customerInvitationPage.accepting') : t('customerInvitationPage.accept')}
                  </Button>
                </div>
              </>
            )}
          </>
        ) : null}
      </div>
    </AuthLayout>
  );
}
