import { useState } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowRightRegular, CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { useProgramName } from '../../components/StatusBadges';
import { useEnrollmentLabels } from '../../labels';
import { latestByProgram, useEnrollments, useRequirements } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import type { Enrollment } from '@contracts/enrollment';
import { ENROLLMENT_PROGRAMS, type EnrollmentProgram } from '../../values';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '760px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '14px' },
  item: { display: 'flex', gap: '12px', alignItems: 'flex-start' },
  icon: { color: tokens.colorBrandForeground1, flexShrink: 0, marginTop: '2px' },
  itemText: { display: 'flex', flexDirection: 'column', gap: '2px' },
  itemTitle: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  description: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap', marginTop: '4px' },
});

/** Programs the organization can start an enrollment in: none yet, or the last one was rejected. */
export function startablePrograms(enrollments: readonly Enrollment[]): EnrollmentProgram[] {
  const latest = latestByProgram(enrollments);
  return ENROLLMENT_PROGRAMS.filter((program) => {
    const current = latest.get(program);
    return !current || current.status === 'rejected';
  });
}

/** What the applicant needs before starting, and the program choice (the welcome page). */
export function Welcome({ startable }: { startable: readonly EnrollmentProgram[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useEnrollmentLabels();
  const programName = useProgramName();
  const canEnroll = usePermission(PERMISSIONS.enrollmentManage);
  const requirements = useRequirements();
  const [program, setProgram] = useState<EnrollmentProgram | undefined>(startable[0]);
  const selected = program && startable.includes(program) ? program : startable[0];

  const items = (requirements.data?.items ?? []).filter((item) => !selected || item.programs.includes(selected));

  return (
    <div className={styles.root} data-testid="enrollment-welcome">
      <Card>
        <CardHeader
          header={<Text weight="semibold">{t('enrollment.welcome.needTitle')}</Text>}
          description={<Caption1 className={styles.description}>{t('enrollment.welcome.needDescription')}</Caption1>}
        />
        {requirements.error ? (
          <ErrorBar error={requirements.error} testId="requirements-error" />
        ) : requirements.isPending ? (
          <Loading />
        ) : (
          <ul className={styles.list} data-testid="requirements-list">
            {items.map((item) => (
              <li key={item.key} className={styles.item} data-testid={`requirement-${item.key}`}>
                <CheckmarkCircleRegular fontSize={20} className={styles.icon} />
                <div className={styles.itemText}>
                  <span className={styles.itemTitle}>
                    <Text weight="semibold">{labels.requirementTitle(item.key)}</Text>
                    {!item.programs.includes('indirectReseller') ? (
                      <Badge appearance="outline" color="informative" size="small">
                        {t('enrollment.welcome.providersOnly')}
                      </Badge>
                    ) : null}
                  </span>
                  <Caption1 className={styles.description}>{labels.requirementDescription(item.key)}</Caption1>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader header={<Text weight="semibold">{t('enrollment.welcome.programTitle')}</Text>} />
        {startable.length === 0 ? (
          <Body1>
            {t('enrollment.welcome.allEnrolled')}{' '}
            <AppLink to="/enrollment" inline>
              {t('enrollment.welcome.seeStatus')}
            </AppLink>
          </Body1>
        ) : (
          <>
            <RadioGroup
              value={selected}
              onChange={(_event, data) => setProgram(data.value as EnrollmentProgram)}
              aria-label={t('enrollment.welcome.programTitle')}
              data-testid="program-choice"
            >
              {startable.map((item) => (
                <Radio
                  key={item}
                  value={item}
                  data-testid={`program-choice-${item}`}
                  label={
                    <span className={styles.itemText}>
                      <Text weight="semibold">{programName(item)}</Text>
                      <Caption1 className={styles.description}>
                        {item === 'indirectProvider'
                          ? t('enrollment.welcome.providerDescription')
                          : t('enrollment.welcome.resellerDescription')}
                      </Caption1>
                    </span>
                  }
                />
              ))}
            </RadioGroup>
            {canEnroll ? (
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  icon={<ArrowRightRegular />}
                  iconPosition="after"
                  disabled={!selected}
                  onClick={() => selected && navigate(`/enrollment/apply/${selected}`)}
                  data-testid="enrollment-start"
                >
                  {t('enrollment.welcome.start')}
                </Button>
              </div>
            ) : (
              <MessageBar intent="info" data-testid="enrollment-global-admin-only">
                <MessageBarBody>{t('enrollment.welcome.globalAdminOnly')}</MessageBarBody>
              </MessageBar>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function WelcomeContent() {
  const { t } = useTranslation();
  const enrollments = useEnrollments();
  return (
    <div data-testid="enrollment-welcome-page">
      <PageHeader title={t('enrollment.welcome.title')} description={t('enrollment.welcome.description')} />
      {enrollments.error ? (
        <ErrorBar error={enrollments.error} testId="enrollments-error" />
      ) : enrollments.isPending ? (
        <Loading />
      ) : (
        <Welcome startable={startablePrograms(enrollments.data.items)} />
      )}
    </div>
  );
}

export default function WelcomePage() {
  return (
    <RequirePartnerPermission permission={PERMISSIONS.enrollmentRead}>
      <WelcomeContent />
    </RequirePartnerPermission>
  );
}
