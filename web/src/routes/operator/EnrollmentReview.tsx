import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowLeftRegular,
  ArrowUndoRegular,
  CheckmarkCircleFilled,
  CheckmarkRegular,
  DismissCircleFilled,
  DismissRegular,
  PauseCircleRegular,
  QuestionCircleRegular,
  WarningFilled,
} from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { keys } from '../../api/keys';
import { useDecideEnrollment, useReviewDetail, type ReviewAction } from '../../api/operator';
import { AddressView } from '../../components/AddressFields';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { EnrollmentStatusBadge, useProgramName } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import type { Enrollment } from '@contracts/enrollment';
import { EnrollmentHistoryCard, ReviewNotesCard } from './ReviewNotesAndHistory';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '960px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: '16px', alignItems: 'start' },
  details: { display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', columnGap: '16px', rowGap: '8px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  checks: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  check: { display: 'flex', gap: '10px', alignItems: 'flex-start' },
  checkText: { display: 'flex', flexDirection: 'column' },
  pass: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  fail: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteMarigoldForeground2, flexShrink: 0 },
  unknown: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  decisions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  steps: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

type CheckResult = 'pass' | 'fail' | 'warn' | 'unknown';

function CheckIcon({ result }: { result: CheckResult }) {
  const styles = useStyles();
  if (result === 'pass') return <CheckmarkCircleFilled fontSize={20} className={styles.pass} />;
  if (result === 'fail') return <DismissCircleFilled fontSize={20} className={styles.fail} />;
  if (result === 'warn') return <WarningFilled fontSize={20} className={styles.warn} />;
  return <QuestionCircleRegular fontSize={20} className={styles.unknown} />;
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <>
      <Caption1 className={styles.label}>{label}</Caption1>
      <Body1 as="span" block>{children || t('common.emptyValue')}</Body1>
    </>
  );
}

/** Actions the current status allows (the API's transitions: approve and request info from review only; suspend once vetted). */
function allowedDecisions(status: string): ReviewAction[] {
  if (status === 'inReview') return ['approve', 'requestInfo', 'reject'];
  if (status === 'actionRequired') return ['reject'];
  if (status === 'verified' || status === 'active') return ['suspend'];
  if (status === 'suspended') return ['reinstate'];
  return [];
}

function EnrollmentReviewContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const programName = useProgramName();
  const queryClient = useQueryClient();
  const canDecide = usePermission(PERMISSIONS.operatorEnrollmentsDecide);
  const { id = '' } = useParams();
  const [asking, setAsking] = useState<ReviewAction | null>(null);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [decided, setDecided] = useState<Enrollment | null>(null);

  const detail = useReviewDetail(id);

  const refreshAll = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.operator.enrollment(id) }),
      queryClient.invalidateQueries({ queryKey: keys.operator.reviewQueue.all }),
    ]);

  const decide = useDecideEnrollment(id, () => detail.data!.enrollment.tenantId, {
    onSuccess: async (enrollment) => {
      setDecided(enrollment);
      setAsking(null);
      setReason('');
      await refreshAll();
    },
    onError: async (error) => {
      // Someone else decided first (409): close the dialog and show the enrollment as it is now.
      if (error instanceof ApiError && error.status === 409) {
        setAsking(null);
        await refreshAll();
      }
    },
  });

  if (detail.error) return <ErrorBar error={detail.error} testId="review-detail-error" />;
  if (detail.isPending) return <Loading />;
  const data = detail.data;
  const { enrollment, legalBusinessProfile: legal, supportProfile: support, checks } = data;
  const decisions = canDecide ? allowedDecisions(enrollment.status) : [];
  const needsReason = asking !== null && asking !== 'approve';
  const reasonError = (submitted && needsReason && !reason.trim() ? t('validation.required') : undefined) ?? fieldError(decide.error, '/reason');
  const conflict = decide.error instanceof ApiError && decide.error.status === 409;

  const open = (action: ReviewAction) => {
    decide.reset();
    setSubmitted(false);
    setReason('');
    setDecided(null);
    setAsking(action);
  };

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (!asking) return;
    setSubmitted(true);
    if (needsReason && !reason.trim()) return;
    decide.mutate(needsReason ? { action: asking, reason: reason.trim() } : { action: asking });
  };

  const boolCheck = (value: boolean | null, good: boolean): CheckResult => (value === null ? 'unknown' : value === good ? 'pass' : 'fail');
  const addressResult: CheckResult =
    checks.addressValidationStatus === null
      ? 'unknown'
      : ['Verified', 'VerifiedShippable'].includes(checks.addressValidationStatus)
        ? 'pass'
        : checks.addressValidationStatus === 'None'
          ? 'fail'
          : 'warn';
  const checkRows: { key: string; title: string; result: CheckResult; text: string }[] = [
    {
      key: 'webmail',
      title: t('review.checks.webmail'),
      result: boolCheck(checks.webmail, false),
      text: checks.webmail === null ? t('review.checks.notAvailable') : checks.webmail ? t('review.checks.webmailYes') : t('review.checks.webmailNo'),
    },
    {
      key: 'emailDomainMatchesWebsite',
      title: t('review.checks.domain'),
      result: checks.emailDomainMatchesWebsite === false ? 'warn' : boolCheck(checks.emailDomainMatchesWebsite, true),
      text:
        checks.emailDomainMatchesWebsite === null
          ? t('review.checks.notAvailable')
          : checks.emailDomainMatchesWebsite
            ? t('review.checks.domainYes')
            : t('review.checks.domainNo'),
    },
    {
      key: 'dunsMatchesLegalName',
      title: t('review.checks.duns'),
      result: boolCheck(checks.dunsMatchesLegalName, true),
      text:
        checks.dunsMatchesLegalName === null
          ? t('review.checks.noDuns')
          : checks.dunsMatchesLegalName
            ? t('review.checks.dunsYes')
            : t('review.checks.dunsNo'),
    },
    {
      key: 'addressValidationStatus',
      title: t('review.checks.address'),
      result: addressResult,
      text: checks.addressValidationStatus === null ? t('review.checks.notAvailable') : labels.addressStatus(checks.addressValidationStatus),
    },
  ];

  const organization = legal?.legalName ?? data.organizationName;
  const actionTexts: Record<ReviewAction, { title: string; message: string; confirm: string }> = {
    approve: { title: t('review.approveTitle'), message: t('review.approveMessage', { organization }), confirm: t('review.approve') },
    reject: { title: t('review.rejectTitle'), message: t('review.rejectMessage'), confirm: t('review.reject') },
    requestInfo: { title: t('review.requestInfoTitle'), message: t('review.requestInfoMessage'), confirm: t('review.requestInfo') },
    suspend: { title: t('review.suspendTitle'), message: t('review.suspendMessage', { organization }), confirm: t('review.suspend') },
    reinstate: { title: t('review.reinstateTitle'), message: t('review.reinstateMessage', { organization }), confirm: t('review.reinstate') },
  };
  const asked = asking ? actionTexts[asking] : null;

  return (
    <div className={styles.root} data-testid="review-detail" data-status={enrollment.status}>
      <PageHeader
        title={legal?.legalName ?? data.organizationName}
        description={t('review.subtitle', { organization: data.organizationName, program: programName(enrollment.program) })}
        actions={
          <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/operator/enrollments')} data-testid="review-back">
            {t('review.back')}
          </Button>
        }
      />
      {decided ? (
        <MessageBar intent="success" data-testid="review-decided">
          <MessageBarBody>{t('review.decided', { status: labels.status(decided.status) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {conflict ? (
        <MessageBar intent="warning" layout="multiline" data-testid="review-conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('review.conflictTitle')}</MessageBarTitle>
            {t('review.conflict', { status: labels.status(enrollment.status) })}
          </MessageBarBody>
        </MessageBar>
      ) : decide.error && !asking ? (
        <ErrorBar error={decide.error} testId="review-decision-error" />
      ) : null}

      <Card>
        <CardHeader
          header={<Text weight="semibold">{t('review.statusSection')}</Text>}
          action={<EnrollmentStatusBadge status={enrollment.status} size="large" data-testid="review-status" />}
        />
        <div className={styles.details}>
          <Detail label={t('review.submitted')}>{enrollment.submittedAt ? <span data-testid="review-submitted-at">{format.dateTime(enrollment.submittedAt)}</span> : null}</Detail>
          <Detail label={t('review.reviewStarted')}>{enrollment.reviewStartedAt ? <span data-testid="review-started-at">{format.dateTime(enrollment.reviewStartedAt)}</span> : null}</Detail>
          <Detail label={t('review.expected')}>
            {enrollment.status === 'inReview' && enrollment.expectedDecisionBy ? (
              <span data-testid="review-expected-at">
                {format.day(enrollment.expectedDecisionBy)}
                {enrollment.overdue ? (
                  <Text weight="semibold" className={styles.fail} data-testid="review-overdue">
                    {' '}
                    · {t('reviewQueue.overdue')}
                  </Text>
                ) : null}
              </span>
            ) : null}
          </Detail>
          <Detail label={t('review.steps')}>
            <span className={styles.steps}>
              {enrollment.vettingSteps.map((step) => (
                <span key={step.step}>
                  {labels.step(step.step)}: {labels.stepState(step.state)}
                </span>
              ))}
            </span>
          </Detail>
          {enrollment.decisionReason ? <Detail label={t('review.reason')}>{enrollment.decisionReason}</Detail> : null}
        </div>
        {decisions.length > 0 ? (
          <div className={styles.decisions}>
            {decisions.includes('approve') ? (
              <Button appearance="primary" icon={<CheckmarkRegular />} onClick={() => open('approve')} data-testid="review-approve">
                {t('review.approve')}
              </Button>
            ) : null}
            {decisions.includes('requestInfo') ? (
              <Button icon={<QuestionCircleRegular />} onClick={() => open('requestInfo')} data-testid="review-request-info">
                {t('review.requestInfo')}
              </Button>
            ) : null}
            {decisions.includes('reject') ? (
              <Button icon={<DismissRegular />} onClick={() => open('reject')} data-testid="review-reject">
                {t('review.reject')}
              </Button>
            ) : null}
            {decisions.includes('suspend') ? (
              <Button icon={<PauseCircleRegular />} onClick={() => open('suspend')} data-testid="review-suspend">
                {t('review.suspend')}
              </Button>
            ) : null}
            {decisions.includes('reinstate') ? (
              <Button appearance="primary" icon={<ArrowUndoRegular />} onClick={() => open('reinstate')} data-testid="review-reinstate">
                {t('review.reinstate')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </Card>

      <ReviewNotesCard enrollmentId={enrollment.id} notes={data.reviewNotes} canEdit={canDecide} />

      <div className={styles.grid}>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('review.checksSection')}</Text>} />
          <ul className={styles.checks} data-testid="review-checks">
            {checkRows.map((row) => (
              <li key={row.key} className={styles.check} data-testid={`review-check-${row.key}`} data-result={row.result}>
                <CheckIcon result={row.result} />
                <span className={styles.checkText}>
                  <Text weight="semibold">{row.title}</Text>
                  <Caption1>{row.text}</Caption1>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('review.profileSection')}</Text>} />
          {legal ? (
            <div className={styles.details} data-testid="review-profile">
              <Detail label={t('legalInfo.legalName')}>{legal.legalName}</Detail>
              <Detail label={t('legalInfo.duns')}>{legal.dunsNumber}</Detail>
              <Detail label={t('legalInfo.address')}>
                <AddressView address={legal.address} />
              </Detail>
              <Detail label={t('legalInfo.primaryContact')}>
                <span>
                  {legal.primaryContact.firstName} {legal.primaryContact.lastName}
                  <Caption1 block>{legal.primaryContact.email}</Caption1>
                  <Caption1 block>{legal.primaryContact.phone}</Caption1>
                </span>
              </Detail>
            </div>
          ) : (
            <Body1 className={styles.label}>{t('review.noProfile')}</Body1>
          )}
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">{t('legalInfo.supportSection')}</Text>} />
          {support ? (
            <div className={styles.details}>
              <Detail label={t('legalInfo.supportEmail')}>{support.email}</Detail>
              <Detail label={t('legalInfo.supportPhone')}>{support.phone}</Detail>
              <Detail label={t('legalInfo.website')}>
                <Link href={support.website} target="_blank" rel="noopener noreferrer">
                  {support.website}
                </Link>
              </Detail>
            </div>
          ) : (
            <Body1 className={styles.label}>{t('legalInfo.noSupport')}</Body1>
          )}
        </Card>
        {enrollment.program === 'indirectProvider' ? (
          <Card>
            <CardHeader header={<Text weight="semibold">{t('enrollment.steps.services')}</Text>} />
            <div className={styles.details}>
              <Detail label={t('enrollment.services.servicesLabel')}>
                {data.servicesOffered.map((service) => labels.service(service)).join(', ')}
              </Detail>
              <Detail label={t('enrollment.services.attestationSection')}>
                {enrollment.attestation?.billingCapability && enrollment.attestation.supportCapability
                  ? t('enrollment.review.attested')
                  : t('enrollment.review.notAttested')}
              </Detail>
            </div>
          </Card>
        ) : null}
      </div>

      <EnrollmentHistoryCard enrollmentId={enrollment.id} />

      <Dialog
        open={!!asking}
        onOpenChange={(_event, state) => {
          if (!state.open) setAsking(null);
        }}
      >
        <DialogSurface data-testid="review-decision-dialog">
          <form onSubmit={onConfirm} noValidate>
            <DialogBody>
              <DialogTitle>{asked?.title}</DialogTitle>
              <DialogContent className={styles.form}>
                <Body1>{asked?.message}</Body1>
                <ErrorBar error={decide.error} fieldPaths={['/reason']} testId="review-dialog-error" />
                {needsReason ? (
                  <Field
                    label={t('review.reasonLabel')}
                    hint={t('review.reasonHint')}
                    required
                    validationMessage={reasonError}
                    validationState={reasonError ? 'error' : 'none'}
                  >
                    <Textarea
                      value={reason}
                      onChange={(_event, value) => setReason(value.value)}
                      maxLength={2000}
                      resize="vertical"
                      data-testid="review-reason"
                    />
                  </Field>
                ) : null}
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setAsking(null)}>{t('common.cancel')}</Button>
                <Button appearance="primary" type="submit" disabled={decide.isPending} data-testid="review-confirm">
                  {asked?.confirm}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

export default function EnrollmentReview() {
  return (
    <RequirePermission permission={PERMISSIONS.operatorEnrollmentsRead}>
      <EnrollmentReviewContent />
    </RequirePermission>
  );
}
