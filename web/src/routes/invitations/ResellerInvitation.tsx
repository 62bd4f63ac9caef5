import { useState } from 'react';
import {
  Body1,
  Button,
  Checkbox,
  Divider,
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
import { keys } from '../../api/keys';
import { useAcceptResellerInvitation, useResellerInvitationLink } from '../../api/relationships';
import { useChannelLabels } from '../../channelLabels';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { ME_QUERY_KEY } from '../../queryClient';
import { useMe, useUserLanguageSync } from '../../session';
import { BulletList, InvitationUnavailable, SignInPrompt, SignedInAs } from './InvitationParts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '14px', marginTop: '8px' },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '6px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: '4px' },
});

/** Refusals of "Authorize indirect provider" that need more than the API's sentence. */
function useRefusal() {
  const { t } = useTranslation();
  return (error: unknown): { title: string; message: string; code: string } | null => {
    if (!(error instanceof ApiError)) return null;
    const code = error.code ?? String(error.status);
    if (code === 'region_mismatch') return { code, title: t('resellerInvitationPage.regionMismatchTitle'), message: t('resellerInvitationPage.regionMismatch') };
    if (code === 'not_enrolled_reseller') return { code, title: t('resellerInvitationPage.notEnrolledTitle'), message: t('resellerInvitationPage.notEnrolled') };
    if (code === 'already_authorized') return { code, title: t('resellerInvitationPage.alreadyTitle'), message: t('resellerInvitationPage.already') };
    if (error.status === 403) return { code, title: t('resellerInvitationPage.forbiddenTitle'), message: t('resellerInvitationPage.forbidden') };
    return null;
  };
}

/**
 * REL-3: the page an indirect provider's invitation link opens. Anyone can read what the provider
 * asks for; a reseller's global admin or admin agent ticks the box and authorizes the provider.
 */
export default function ResellerInvitation() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const channel = useChannelLabels();
  const queryClient = useQueryClient();
  const { token = '' } = useParams();
  const { data: me, isPending: mePending } = useMe();
  useUserLanguageSync(me);
  const refusal = useRefusal();
  const [confirmed, setConfirmed] = useState(false);

  const invitation = useResellerInvitationLink(token, format.language);

  const accept = useAcceptResellerInvitation(token, {
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: keys.relationships.all }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]),
  });

  const refused = refusal(accept.error);
  const here = `/invitations/reseller/${encodeURIComponent(token)}`;
  const data = invitation.data;

  return (
    <AuthLayout title={t('resellerInvitationPage.title')} wide testId="reseller-invitation-page">
      <div className={styles.root}>
        {invitation.error && !accept.isSuccess ? (
          <InvitationUnavailable error={invitation.error} testId="reseller-invitation-unavailable" />
        ) : (invitation.isPending && !data) || mePending ? (
          <Loading />
        ) : data ? (
          <>
            <Body1 data-testid="reseller-invitation-intro">{t('resellerInvitationPage.intro', { provider: data.provider.name })}</Body1>
            <div className={styles.details}>
              <Text className={styles.label}>{t('resellerInvitationPage.provider')}</Text>
              <Text weight="semibold" data-testid="reseller-invitation-provider">
                {data.provider.name}
              </Text>
              <Text className={styles.label}>{t('resellerInvitationPage.country')}</Text>
              <Text data-testid="reseller-invitation-country">{data.provider.countryName || format.country(data.provider.country)}</Text>
              <Text className={styles.label}>{t('resellerInvitationPage.region')}</Text>
              <Text data-testid="reseller-invitation-region">{channel.region(data.provider.region) || t('common.emptyValue')}</Text>
              <Text className={styles.label}>{t('resellerInvitationPage.expires')}</Text>
              <Text data-testid="reseller-invitation-expires">{format.date(data.expiresAt)}</Text>
            </div>
            {data.provider.servicesOffered.length ? (
              <div className={styles.section}>
                <Text weight="semibold">{t('resellerInvitationPage.services')}</Text>
                <BulletList items={data.provider.servicesOffered.map((key) => ({ key, label: labels.service(key) }))} testId="reseller-invitation-service" />
              </div>
            ) : null}
            <div className={styles.section}>
              <Text weight="semibold">{t('resellerInvitationPage.grantsTitle')}</Text>
              <BulletList items={data.grants.map((key) => ({ key, label: channel.grant(key) }))} testId="reseller-invitation-grant" />
              <Body1>{t('resellerInvitationPage.grantsNote')}</Body1>
            </div>
            <Divider />
            {accept.isSuccess ? (
              <MessageBar intent="success" layout="multiline" data-testid="reseller-invitation-accepted">
                <MessageBarBody>
                  <MessageBarTitle>{t('resellerInvitationPage.acceptedTitle')}</MessageBarTitle>
                  {t('resellerInvitationPage.accepted', { provider: data.provider.name })}
                </MessageBarBody>
                <MessageBarActions>
                  <Button appearance="primary" onClick={() => navigate('/relationships/providers')} data-testid="reseller-invitation-continue">
                    {t('resellerInvitationPage.goToProviders')}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ) : !me ? (
              <SignInPrompt next={here} message={t('resellerInvitationPage.signInPrompt')} />
            ) : (
              <>
                <SignedInAs me={me} />
                {refused ? (
                  <MessageBar intent="error" layout="multiline" data-testid="reseller-invitation-refused" data-code={refused.code}>
                    <MessageBarBody>
                      <MessageBarTitle>{refused.title}</MessageBarTitle>
                      {refused.message}
                    </MessageBarBody>
                    {refused.code === 'not_enrolled_reseller' ? (
                      <MessageBarActions>
                        <Button onClick={() => navigate('/enrollment')} data-testid="reseller-invitation-enroll">
                          {t('resellerInvitationPage.goToEnrollment')}
                        </Button>
                      </MessageBarActions>
                    ) : refused.code === 'already_authorized' ? (
                      <MessageBarActions>
                        <Button onClick={() => navigate('/relationships/providers')}>{t('resellerInvitationPage.goToProviders')}</Button>
                      </MessageBarActions>
                    ) : null}
                  </MessageBar>
                ) : accept.error instanceof ApiError && (accept.error.code === 'invitation_expired' || accept.error.code === 'invitation_used' || accept.error.code === 'invitation_revoked') ? (
                  <InvitationUnavailable error={accept.error} testId="reseller-invitation-accept-error" />
                ) : (
                  <ErrorBar error={accept.error} testId="reseller-invitation-accept-error" />
                )}
                <Checkbox
                  checked={confirmed}
                  onChange={(_event, value) => setConfirmed(value.checked === true)}
                  label={t('resellerInvitationPage.confirm', { provider: data.provider.name, organization: me.tenant.name })}
                  data-testid="reseller-invitation-confirm"
                />
                <div>
                  <Button
                    appearance="primary"
                    disabled={!confirmed || accept.isPending}
                    onClick={() => accept.mutate()}
                    data-testid="reseller-invitation-authorize"
                  >
                    {accept.isPending ? t('resellerInvitationPage.authorizing') : t('resellerInvitationPage.authorize')}
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
