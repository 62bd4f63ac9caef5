import { useEffect, useRef } from 'react';
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles } from '@fluentui/react-components';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useVerifyEmail } from '../../api/partner';
import { AuthLayout } from '../../components/AuthLayout';
import { EnrollmentStatusBadge } from '../../components/StatusBadges';
import { ErrorBar } from '../../components/ErrorBar';
import { useFormat } from '../../format';
import { canSeePartnerArea } from '../../permissions';
import { useMe, useUserLanguageSync } from '../../session';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', marginTop: '8px' },
  status: { display: 'flex', gap: '8px', alignItems: 'center' },
});

/** The message for a refused link, by the API's problem code (410 used/expired, 404 unknown). */
function useFailureMessage() {
  const { t } = useTranslation();
  return (error: unknown): { title: string; message: string } | null => {
    if (!(error instanceof ApiError)) return null;
    if (error.code === 'verification_link_used') return { title: t('verifyEmail.usedTitle'), message: t('verifyEmail.used') };
    if (error.code === 'verification_link_expired') return { title: t('verifyEmail.expiredTitle'), message: t('verifyEmail.expired') };
    if (error.status === 404 || error.status === 400) return { title: t('verifyEmail.invalidTitle'), message: t('verifyEmail.invalid') };
    return null;
  };
}

/**
 * ENR-5: the page the primary contact's emailed link opens (`/verify-email?token=…`). Public: the
 * contact may not have an account. The link is single-use, so it is sent to the API once.
 */
export default function VerifyEmail() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data: me } = useMe();
  useUserLanguageSync(me);
  const failureMessage = useFailureMessage();
  const sent = useRef(false);

  const verify = useVerifyEmail();

  const { mutate } = verify;
  useEffect(() => {
    if (sent.current || token.length < 10) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  // The applicant's own admin lands on the confirmed enrollment; anyone else on their home page.
  const continuePath = !me
    ? '/signin'
    : canSeePartnerArea(me)
      ? verify.data
        ? `/enrollment/${encodeURIComponent(verify.data.enrollmentId)}`
        : '/enrollment'
      : '/';
  const failure = token.length < 10 ? { title: t('verifyEmail.invalidTitle'), message: t('verifyEmail.invalid') } : failureMessage(verify.error);
  const result = verify.data;

  return (
    <AuthLayout title={t('verifyEmail.title')} testId="verify-email-page">
      <div className={styles.root}>
        {result ? (
          <>
            <MessageBar intent="success" layout="multiline" data-testid="verify-email-success">
              <MessageBarBody>
                <MessageBarTitle>{t('verifyEmail.successTitle')}</MessageBarTitle>
                {t('verifyEmail.success')}
              </MessageBarBody>
            </MessageBar>
            <div className={styles.status}>
              <Body1>{t('verifyEmail.status')}</Body1>
              <EnrollmentStatusBadge status={result.status} data-testid="verify-email-status" />
            </div>
            {result.expectedDecisionBy ? (
              <Body1 data-testid="verify-email-expected">
                {t('verifyEmail.expected', { date: format.day(result.expectedDecisionBy) })}
              </Body1>
            ) : null}
          </>
        ) : failure ? (
          <MessageBar intent="error" layout="multiline" data-testid="verify-email-failure" data-code={verify.error instanceof ApiError ? verify.error.code : 'invalid'}>
            <MessageBarBody>
              <MessageBarTitle>{failure.title}</MessageBarTitle>
              {failure.message}
            </MessageBarBody>
          </MessageBar>
        ) : verify.error ? (
          <ErrorBar error={verify.error} testId="verify-email-error" />
        ) : (
          <Spinner label={t('verifyEmail.checking')} data-testid="verify-email-checking" />
        )}
        {result || failure || verify.error ? (
          <div>
            <Button appearance={result ? 'primary' : 'secondary'} onClick={() => navigate(continuePath)} data-testid="verify-email-continue">
              {me ? t('verifyEmail.goToPortal') : t('verifyEmail.goToSignIn')}
            </Button>
          </div>
        ) : null}
      </div>
    </AuthLayout>
  );
}
