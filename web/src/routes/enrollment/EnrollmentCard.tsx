import { useState, type ReactElement } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  CheckmarkCircleFilled,
  CircleRegular,
  DismissCircleFilled,
  EditRegular,
  ArrowSyncCircleRegular,
  WarningFilled,
} from '@fluentui/react-icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { EnrollmentStatusBadge, useProgramName } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { useEscalateEnrollment, useRefreshStanding, useResubmitEnrollment } from '../../api/partner';
import { fieldError } from '../../problem';
import type { Enrollment } from '@contracts/enrollment';
import type { SupportRequest } from '@contracts/operator';
import { SubmitProblem } from './SubmitProblem';

const useStyles = makeStyles({
  card: { padding: '20px', display: 'flex', flexDirection: 'column', gap: '14px', maxWidth: '820px' },
  header: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: '8px' },
  step: {
    display: 'flex',
    gap: '8px',
    alignItems: 'flex-start',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  stepText: { display: 'flex', flexDirection: 'column' },
  muted: { color: tokens.colorNeutralForeground3 },
  pending: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  completed: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  attention: { color: tokens.colorPaletteMarigoldForeground2, flexShrink: 0 },
  progress: { color: tokens.colorBrandForeground1, flexShrink: 0 },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '6px', alignItems: 'baseline' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  missing: { margin: '4px 0 0', paddingInlineStart: '20px' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

function StepIcon({ state }: { state: string }): ReactElement {
  const styles = useStyles();
  switch (state) {
    case 'completed':
      return <CheckmarkCircleFilled fontSize={20} className={styles.completed} />;
    case 'failed':
      return <DismissCircleFilled fontSize={20} className={styles.failed} />;
    case 'actionRequired':
      return <WarningFilled fontSize={20} className={styles.attention} />;
    case 'inProgress':
      return <ArrowSyncCircleRegular fontSize={20} className={styles.progress} />;
    default:
      return <CircleRegular fontSize={20} className={styles.pending} />;
  }
}

export interface EnrollmentCardProps {
  enrollment: Enrollment;
  canManage: boolean;
  partnerIdAssociated: boolean;
}

/** One enrollment: status, vetting steps, expected decision, and what the applicant can do next. */
export function EnrollmentCard({ enrollment, canManage, partnerIdAssociated }: EnrollmentCardProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const programName = useProgramName();
  const refresh = useRefreshStanding();
  const [escalating, setEscalating] = useState(false);
  const [details, setDetails] = useState('');
  const [escalation, setEscalation] = useState<SupportRequest | null>(null);
  const { program, status } = enrollment;
  const prefix = `enrollment-${program}`;

  const resubmit = useResubmitEnrollment(enrollment.id, {
    onSettled: () => refresh(),
  });

  const escalate = useEscalateEnrollment(enrollment.id, {
    onSuccess: (request) => {
      setEscalation(request);
      setEscalating(false);
      setDetails('');
    },
  });

  const applyPath = `/enrollment/apply/${program}`;
  const decisionWindow =
    enrollment.expectedDecisionFrom && enrollment.expectedDecisionBy
      ? t('enrollment.status.expectedWindow', {
          from: format.day(enrollment.expectedDecisionFrom),
          by: format.day(enrollment.expectedDecisionBy),
        })
      : enrollment.expectedDecisionBy
        ? t('enrollment.status.expectedBy', { by: format.day(enrollment.expectedDecisionBy) })
        : null;

  return (
    <Card className={styles.card} data-testid={prefix} data-enrollment-id={enrollment.id} data-status={status}>
      <div className={styles.header}>
        <Title3 as="h2">{programName(program)}</Title3>
        <EnrollmentStatusBadge status={status} size="large" data-testid={`${prefix}-status`} />
      </div>

      {status === 'draft' ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.draftTitle')}</MessageBarTitle>
            {enrollment.missing.length > 0 ? (
              <>
                {t('enrollment.status.draftMissing')}
                <ul className={styles.missing} data-testid={`${prefix}-missing`}>
                  {enrollment.missing.map((item) => (
                    <li key={item}>{labels.missingItem(item)}</li>
                  ))}
                </ul>
              </>
            ) : (
              t('enrollment.status.draftReady')
            )}
          </MessageBarBody>
          {canManage ? (
            <MessageBarActions>
              <Button appearance="primary" onClick={() => navigate(applyPath)} data-testid={`${prefix}-continue`}>
                {t('enrollment.status.continue')}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {status === 'emailVerificationPending' ? (
        <MessageBar intent="info" layout="multiline" data-testid={`${prefix}-verification-pending`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.verificationTitle')}</MessageBarTitle>
            {t('enrollment.status.verificationMessage')}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {status === 'inReview' ? (
        <MessageBar intent={enrollment.overdue ? 'warning' : 'info'} layout="multiline" data-testid={`${prefix}-in-review`}>
          <MessageBarBody>
            <MessageBarTitle>
              {enrollment.overdue ? t('enrollment.status.overdueTitle') : t('enrollment.status.inReviewTitle')}
            </MessageBarTitle>
            {decisionWindow ? <span data-testid={`${prefix}-decision-window`}>{decisionWindow}</span> : null}
            {enrollment.overdue ? <> {t('enrollment.status.overdueMessage')}</> : null}
          </MessageBarBody>
          {enrollment.overdue && canManage && !escalation ? (
            <MessageBarActions>
              <Button
                appearance="primary"
                onClick={() => {
                  escalate.reset();
                  setEscalating(true);
                }}
                data-testid={`${prefix}-escalate`}
              >
                {t('enrollment.status.escalate')}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {escalation ? (
        <MessageBar intent="success" layout="multiline" data-testid={`${prefix}-escalation`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.escalatedTitle')}</MessageBarTitle>
            {t('enrollment.status.escalatedMessage', {
              id: escalation.id,
              title: escalation.title,
              date: format.dateTime(escalation.createdAt),
            })}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {status === 'actionRequired' ? (
        <MessageBar intent="warning" layout="multiline" data-testid={`${prefix}-action-required`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.actionRequiredTitle')}</MessageBarTitle>
            {enrollment.decisionReason ? (
              <span data-testid={`${prefix}-reason`}>{t('enrollment.status.reason', { reason: enrollment.decisionReason })}</span>
            ) : null}
          </MessageBarBody>
          {canManage ? (
            <MessageBarActions>
              <Button icon={<EditRegular />} onClick={() => navigate(applyPath)} data-testid={`${prefix}-edit`}>
                {t('enrollment.status.updateDetails')}
              </Button>
              <Button
                appearance="primary"
                icon={<ArrowClockwiseRegular />}
                disabled={resubmit.isPending}
                onClick={() => resubmit.mutate()}
                data-testid={`${prefix}-resubmit`}
              >
                {t('enrollment.status.resubmit')}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {status === 'rejected' ? (
        <MessageBar intent="error" layout="multiline" data-testid={`${prefix}-rejected`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.rejectedTitle')}</MessageBarTitle>
            {enrollment.decisionReason ? (
              <span data-testid={`${prefix}-reason`}>{t('enrollment.status.reason', { reason: enrollment.decisionReason })}</span>
            ) : null}
          </MessageBarBody>
          {canManage ? (
            <MessageBarActions>
              <Button onClick={() => navigate(applyPath)} data-testid={`${prefix}-start-again`}>
                {t('enrollment.status.startAgain')}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {status === 'verified' ? (
        <MessageBar intent="success" layout="multiline" data-testid={`${prefix}-verified`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.verifiedTitle')}</MessageBarTitle>
            {t('enrollment.status.verifiedMessage')}{' '}
            <AppLink to="/agreements" inline data-testid={`${prefix}-go-agreements`}>
              {t('enrollment.status.goAgreements')}
            </AppLink>
            {!partnerIdAssociated ? (
              <>
                {' '}
                {t('enrollment.status.partnerIdNeeded')}{' '}
                <AppLink to="/locations" inline>
                  {t('enrollment.status.goLocations')}
                </AppLink>
              </>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {status === 'active' ? (
        <MessageBar intent="success" data-testid={`${prefix}-active`}>
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.status.activeTitle')}</MessageBarTitle>
            {t('enrollment.status.activeMessage')}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {status === 'suspended' ? (
        <MessageBar intent="error" data-testid={`${prefix}-suspended`}>
          <MessageBarBody>{t('enrollment.status.suspendedMessage')}</MessageBarBody>
        </MessageBar>
      ) : null}

      {resubmit.error ? <SubmitProblem error={resubmit.error} program={program} testId={`${prefix}-resubmit-error`} /> : null}

      <div>
        <Text weight="semibold" as="h3" block>
          {t('enrollment.status.stepsTitle')}
        </Text>
        <ol className={styles.steps} data-testid={`${prefix}-steps`}>
          {enrollment.vettingSteps.map((step) => (
            <li key={step.step} className={styles.step} data-testid={`${prefix}-step-${step.step}`} data-state={step.state}>
              <StepIcon state={step.state} />
              <span className={styles.stepText}>
                <Text weight="semibold">{labels.step(step.step)}</Text>
                <Caption1 className={styles.muted}>{labels.stepState(step.state)}</Caption1>
              </span>
            </li>
          ))}
        </ol>
      </div>

      <div className={styles.details}>
        <Caption1 className={styles.muted}>{t('enrollment.status.started')}</Caption1>
        <Body1>{format.dateTime(enrollment.createdAt)}</Body1>
        {enrollment.submittedAt ? (
          <>
            <Caption1 className={styles.muted}>{t('enrollment.status.submitted')}</Caption1>
            <Body1>{format.dateTime(enrollment.submittedAt)}</Body1>
          </>
        ) : null}
        {enrollment.emailVerifiedAt ? (
          <>
            <Caption1 className={styles.muted}>{t('enrollment.status.emailVerified')}</Caption1>
            <Body1>{format.dateTime(enrollment.emailVerifiedAt)}</Body1>
          </>
        ) : null}
        {enrollment.reviewStartedAt ? (
          <>
            <Caption1 className={styles.muted}>{t('enrollment.status.reviewStarted')}</Caption1>
            <Body1>{format.dateTime(enrollment.reviewStartedAt)}</Body1>
          </>
        ) : null}
        {decisionWindow && status === 'inReview' ? (
          <>
            <Caption1 className={styles.muted}>{t('enrollment.status.expectedDecision')}</Caption1>
            <Body1>{decisionWindow}</Body1>
          </>
        ) : null}
      </div>

      <Dialog
        open={escalating}
        onOpenChange={(_event, data) => {
          if (!data.open) setEscalating(false);
        }}
      >
        <DialogSurface data-testid={`${prefix}-escalate-dialog`}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              escalate.mutate(details.trim());
            }}
            noValidate
          >
            <DialogBody>
              <DialogTitle>{t('enrollment.status.escalateTitle')}</DialogTitle>
              <DialogContent className={styles.form}>
                <Body1>{t('enrollment.status.escalateDescription')}</Body1>
                <ErrorBar error={escalate.error} fieldPaths={['/details']} testId={`${prefix}-escalate-error`} />
                <Field
                  label={t('enrollment.status.escalateDetails')}
                  hint={t('enrollment.status.escalateDetailsHint')}
                  validationMessage={fieldError(escalate.error, '/details')}
                  validationState={fieldError(escalate.error, '/details') ? 'error' : 'none'}
                >
                  <Textarea
                    value={details}
                    onChange={(_event, data) => setDetails(data.value)}
                    maxLength={4000}
                    resize="vertical"
                    data-testid={`${prefix}-escalate-details`}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setEscalating(false)}>{t('common.cancel')}</Button>
                <Button appearance="primary" type="submit" disabled={escalate.isPending} data-testid={`${prefix}-escalate-submit`}>
                  {t('enrollment.status.escalateSubmit')}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </Card>
  );
}
