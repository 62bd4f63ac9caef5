import { Button } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { useEnrollment, usePartnerIdAssociation } from '../../api/partner';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import { EnrollmentCard } from './EnrollmentCard';

/** One enrollment by ID (GET /v1/enrollments/{id}), e.g. after the emailed link was opened. */
function EnrollmentDetailContent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const canManage = usePermission(PERMISSIONS.enrollmentManage);
  const association = usePartnerIdAssociation();
  const enrollment = useEnrollment(id);

  return (
    <div data-testid="enrollment-detail-page">
      <PageHeader
        title={t('enrollment.status.title')}
        description={t('enrollment.status.description')}
        actions={
          <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/enrollment')} data-testid="enrollment-detail-back">
            {t('enrollment.status.allEnrollments')}
          </Button>
        }
      />
      {enrollment.error ? (
        <ErrorBar error={enrollment.error} testId="enrollment-detail-error" />
      ) : enrollment.isPending ? (
        <Loading />
      ) : (
        <EnrollmentCard enrollment={enrollment.data} canManage={canManage} partnerIdAssociated={!!association.data} />
      )}
    </div>
  );
}

export default function EnrollmentDetail() {
  return (
    <RequirePartnerPermission permission={PERMISSIONS.enrollmentRead}>
      <EnrollmentDetailContent />
    </RequirePartnerPermission>
  );
}
