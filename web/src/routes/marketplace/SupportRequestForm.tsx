import { useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Textarea, makeStyles } from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { keys } from '../../api/keys';
import { useCreateSupportRequest, useOfferState } from '../../api/marketplace';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMarketplaceLabels } from './labels';
import { LIVE_OFFER_MANAGEMENT, pendingAudienceChange, type RequestedChange } from './model';
import { RequestedChangeText } from './RequestedChangeText';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '720px' },
  actions: { display: 'flex', gap: '8px' },
});

/**
 * The support request for a live audience change (MKP-8, MKP-9): product version, category (the
 * offer), problem type and title are filled in and fixed; the publisher writes the details.
 */
function SupportRequestFormContent({ offerId }: { offerId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = useOfferState(offerId);
  const [details, setDetails] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const create = useCreateSupportRequest({
    onSuccess: async (request) => {
      await queryClient.invalidateQueries({ queryKey: keys.marketplace.supportRequests });
      navigate(`/marketplace/support-requests?created=${encodeURIComponent(request.id)}`);
    },
  });

  if (state.error) return <ErrorBar error={state.error} />;
  if (state.isPending) return <Loading />;
  const { offer, audience } = state.data;
  const change = pendingAudienceChange(audience);

  if (!offer.live || !change) {
    return (
      <MessageBar intent="info" layout="multiline" data-testid="support-request-nothing">
        <MessageBarBody>
          <MessageBarTitle>{t('marketplace.supportRequests.nothingTitle')}</MessageBarTitle>
          {offer.live ? t('marketplace.supportRequests.nothing') : t('marketplace.supportRequests.notLive')}
        </MessageBarBody>
      </MessageBar>
    );
  }

  /**
   * MKP-7, MKP-8: a change the operator could never apply is refused when it is sent. Says why on the
   * requested change: the move to another option, or the partners named by the paths of the refused IDs.
   */
  function resoldRefusal(error: unknown, sent: RequestedChange | undefined): string | undefined {
    if (!(error instanceof ApiError)) return undefined;
    const paths = (error.problem.errors ?? []).filter((item) => item.code === 'partner_has_resold').map((item) => item.path);
    if (paths.includes('/requestedChange/mode')) return t('marketplace.supportRequests.resoldModeRefused', { mode: labels.mode(sent?.mode) });
    const names = paths.flatMap((path) => {
      const id = sent?.removePartnerTenantIds?.[Number(/^\/requestedChange\/removePartnerTenantIds\/(\d+)$/.exec(path)?.[1] ?? -1)];
      return id ? [audience.live?.partners.find((partner) => partner.tenantId === id)?.name || id] : [];
    });
    return names.length > 0 ? t('marketplace.supportRequests.resoldPartnersRefused', { partners: names.join(', ') }) : undefined;
  }
  const detailsError = (submitted && !details.trim() ? t('validation.required') : undefined) ?? fieldError(create.error, '/details');
  const resold = resoldRefusal(create.error, create.variables?.requestedChange);
  const changeError = resold ?? fieldError(create.error, '/requestedChange');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!details.trim()) return;
    create.mutate({ ...LIVE_OFFER_MANAGEMENT, category: { offerId: offer.id }, details: details.trim(), requestedChange: change });
  };
  // Shown in the UI language; the server receives the fixed English values.
  const fixed = (value: string) => ({ value: labels.fixedValue(value), hint: labels.fixedValue(value) !== value ? t('marketplace.supportRequests.sentAs', { value }) : undefined });

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="support-request-form">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t('marketplace.supportRequests.prefilled')}</MessageBarBody>
      </MessageBar>
      <ErrorBar
        error={create.error}
        fieldPaths={['/details', '/requestedChange']}
        codeMessages={{ partner_has_resold: t('marketplace.supportRequests.resoldRefused') }}
        testId="support-request-error"
      />
      <Field label={t('marketplace.supportRequests.productVersion')} hint={fixed(LIVE_OFFER_MANAGEMENT.productVersion).hint}>
        <Input readOnly appearance="filled-darker" contentAfter={<LockClosedRegular aria-hidden />} value={fixed(LIVE_OFFER_MANAGEMENT.productVersion).value} data-testid="support-request-product-version" />
      </Field>
      <Field label={t('marketplace.supportRequests.category')}>
        <Input readOnly appearance="filled-darker" contentAfter={<LockClosedRegular aria-hidden />} value={offer.name} data-testid="support-request-category" />
      </Field>
      <Field label={t('marketplace.supportRequests.problemType')} hint={fixed(LIVE_OFFER_MANAGEMENT.problemType).hint}>
        <Input readOnly appearance="filled-darker" contentAfter={<LockClosedRegular aria-hidden />} value={fixed(LIVE_OFFER_MANAGEMENT.problemType).value} data-testid="support-request-problem-type" />
      </Field>
      <Field label={t('marketplace.supportRequests.requestTitle')} hint={fixed(LIVE_OFFER_MANAGEMENT.title).hint}>
        <Input readOnly appearance="filled-darker" contentAfter={<LockClosedRegular aria-hidden />} value={fixed(LIVE_OFFER_MANAGEMENT.title).value} data-testid="support-request-title" />
      </Field>
      <Field
        label={t('marketplace.supportRequests.requestedChange')}
        validationState={changeError ? 'error' : 'none'}
        validationMessage={
          changeError ? (
            <span data-testid="support-request-change-error" data-code={resold ? 'partner_has_resold' : undefined}>
              {changeError}
            </span>
          ) : undefined
        }
      >
        <Body1 data-testid="support-request-change" data-mode={change.mode ?? ''}>
          <RequestedChangeText change={change} partners={audience.live?.partners} />
        </Body1>
      </Field>
      <Field label={t('marketplace.supportRequests.details')} required validationMessage={detailsError} validationState={detailsError ? 'error' : 'none'}>
        <Textarea value={details} rows={5} maxLength={10_000} onChange={(_e, data) => setDetails(data.value)} data-testid="support-request-details" />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="support-request-submit">
          {t('marketplace.supportRequests.submit')}
        </Button>
        <Button onClick={() => navigate(`/marketplace/offers/${offer.id}?module=audience`)} data-testid="support-request-cancel">
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export default function SupportRequestForm() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const offerId = params.get('offerId') ?? '';
  return (
    <div data-testid="support-request-page">
      <PageHeader title={t('marketplace.supportRequests.newTitle')} description={t('marketplace.supportRequests.newDescription')} />
      <RequirePermission permission={PERMISSIONS.supportRequestsCreate}>
        {offerId ? (
          <SupportRequestFormContent offerId={offerId} />
        ) : (
          <MessageBar intent="info">
            <MessageBarBody>{t('marketplace.supportRequests.pickOffer')}</MessageBarBody>
          </MessageBar>
        )}
      </RequirePermission>
    </div>
  );
}
