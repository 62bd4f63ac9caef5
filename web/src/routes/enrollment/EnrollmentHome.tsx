import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { useProgramName } from '../../components/StatusBadges';
import { latestByProgram, useEnrollments, usePartnerIdAssociation } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import { EnrollmentCard } from './EnrollmentCard';
import { Welcome, startablePrograms } from './Welcome';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '16px' },
  notice: { maxWidth: '820px' },
});

interface EnrollmentPageState {
  /** The program just submitted, to confirm it at the top of the page. */
  submitted?: string;
}

function EnrollmentHomeContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const programName = useProgramName();
  const canManage = usePermission(PERMISSIONS.enrollmentManage);
  const enrollments = useEnrollments();
  const association = usePartnerIdAssociation();
  const state = (location.state ?? {}) as EnrollmentPageState;

  if (enrollments.error) return <ErrorBar error={enrollments.error} testId="enrollments-error" />;
  if (enrollments.isPending) return <Loading />;

  const items = enrollments.data.items;
  const startable = startablePrograms(items);
  if (items.length === 0) {
    return (
      <div data-testid="enrollment-page">
        <PageHeader title={t('enrollment.welcome.title')} description={t('enrollment.welcome.description')} />
        <Welcome startable={startable} />
      </div>
    );
  }

  const latest = [...latestByProgram(items).values()];
  return (
    <div data-testid="enrollment-page">
      <PageHeader
        title={t('enrollment.status.title')}
        description={t('enrollment.status.description')}
        actions={
          canManage && startable.some((program) => !latest.some((item) => item.program === program)) ? (
            <Button icon={<AddRegular />} onClick={() => navigate('/enrollment/welcome')} data-testid="enrollment-add-program">
              {t('enrollment.status.addProgram')}
            </Button>
          ) : null
        }
      />
      <div className={styles.list}>
        {state.submitted ? (
          <MessageBar intent="success" layout="multiline" className={styles.notice} data-testid="enrollment-submitted">
            <MessageBarBody>
              <MessageBarTitle>{t('enrollment.status.submittedTitle', { program: programName(state.submitted) })}</MessageBarTitle>
              {t('enrollment.status.submittedMessage')}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {latest.map((enrollment) => (
          <EnrollmentCard
            key={enrollment.id}
            enrollment={enrollment}
            canManage={canManage}
            partnerIdAssociated={!!association.data}
          />
        ))}
      </div>
    </div>
  );
}

export default function EnrollmentHome() {
  return (
    <RequirePartnerPermission permission={PERMISSIONS.enrollmentRead}>
      <EnrollmentHomeContent />
    </RequirePartnerPermission>
  );
}
