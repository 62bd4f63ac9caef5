import {
  Body1,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useApproveDelegatedAdmin } from '../../api/customers';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { ErrorBar } from '../../components/ErrorBar';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px' },
});

/** The emailed link of a partner's delegated-admin request: the customer's global admin approves it. */
function ApproveContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';

  const approve = useApproveDelegatedAdmin(token, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.partnerRelationships }),
  });

  const unusable = approve.error instanceof ApiError && (approve.error.code === 'invitation_used' || approve.error.status === 404 || approve.error.status === 410);
  const result = approve.data;

  return (
    <div className={styles.root}>
      {!token ? (
        <MessageBar intent="error" data-testid="delegated-approve-invalid">
          <MessageBarBody>
            <MessageBarTitle>{t('invitationPage.notFoundTitle')}</MessageBarTitle>
            {t('invitationPage.notFound')}
          </MessageBarBody>
        </MessageBar>
      ) : result ? (
        <MessageBar intent="success" layout="multiline" data-testid="delegated-approve-done">
          <MessageBarBody>
            <MessageBarTitle>{t('delegatedApproval.approvedTitle')}</MessageBarTitle>
            {t('delegatedApproval.approved', {
              roles: result.roles.map((role) => labels.delegatedRole(role)).join(', '),
              date: format.date(result.endsAt),
            })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate('/partner-relationships')} data-testid="delegated-approve-continue">
              {t('customerInvitationPage.goToPartners')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : unusable ? (
        <MessageBar intent="error" layout="multiline" data-testid="delegated-approve-unusable">
          <MessageBarBody>
            <MessageBarTitle>{t('delegatedApproval.unusableTitle')}</MessageBarTitle>
            {t('delegatedApproval.unusable')}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Body1>{t('delegatedApproval.intro')}</Body1>
          <ErrorBar error={approve.error} testId="delegated-approve-error" />
          <div>
            <Button appearance="primary" icon={<CheckmarkRegular />} disabled={approve.isPending} onClick={() => approve.mutate()} data-testid="delegated-approve">
              {approve.isPending ? t('delegatedApproval.approving') : t('delegatedApproval.approve')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

export default function ApproveDelegatedAdmin() {
  const { t } = useTranslation();
  return (
    <div data-testid="delegated-approve-page">
      <PageHeader title={t('delegatedApproval.title')} description={t('delegatedApproval.description')} />
      <RequirePermission permission={PERMISSIONS.customerPartnersManage}>
        <ApproveContent />
      </RequirePermission>
    </div>
  );
}
