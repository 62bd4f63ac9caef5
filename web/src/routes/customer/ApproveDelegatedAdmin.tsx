import {
  Body1,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useApproveDelegatedAdmin, useDelegatedAdminApproval } from '../../api/customers';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { DelegatedRoleList } from '../../components/DelegatedRoles';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px' },
  card: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '16px' },
  terms: { display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', columnGap: '16px', rowGap: '8px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
});

/** A link that no longer works (used, ended, stale) or names nothing the reader may see. */
const isUnusable = (error: unknown) => error instanceof ApiError && (error.code === 'invitation_used' || error.status === 404 || error.status === 410);

/**
 * The emailed link of a partner's delegated-admin request: the customer's global admin sees which
 * partner asks for which roles (and what each allows), for how long and whether it extends itself, then
 * approves it.
 */
function ApproveContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';

  const request = useDelegatedAdminApproval(token, !!token);
  const approve = useApproveDelegatedAdmin(token, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.partnerRelationships }),
  });

  const result = approve.data;
  const unusable = isUnusable(approve.error) || (!result && isUnusable(request.error));
  const asked = request.data;

  if (!token) {
    return (
      <MessageBar intent="error" data-testid="delegated-approve-invalid">
        <MessageBarBody>
          <MessageBarTitle>{t('invitationPage.notFoundTitle')}</MessageBarTitle>
          {t('invitationPage.notFound')}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (result) {
    return (
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
    );
  }
  if (unusable) {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="delegated-approve-unusable">
        <MessageBarBody>
          <MessageBarTitle>{t('delegatedApproval.unusableTitle')}</MessageBarTitle>
          {t('delegatedApproval.unusable')}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (request.error) return <ErrorBar error={request.error} testId="delegated-approve-error" />;
  if (!asked) return <Loading />;

  return (
    <div className={styles.root}>
      <Body1 data-testid="delegated-approve-ask">
        {t('delegatedAdmin.approval.ask', { partner: asked.partner.name, country: format.country(asked.partner.country), days: format.number(asked.durationDays) })}
      </Body1>
      <Card className={styles.card} data-testid="delegated-approve-request">
        <div className={styles.terms}>
          <Text className={styles.label}>{t('delegatedAdmin.approval.partner')}</Text>
          <Text weight="semibold" data-testid="delegated-approve-partner">
            {asked.partner.name} ({format.country(asked.partner.country)})
          </Text>
          <Text className={styles.label}>{t('delegatedAdmin.approval.duration')}</Text>
          <Text data-testid="delegated-approve-duration">{t('delegatedAdmin.approval.durationDays', { days: format.number(asked.durationDays) })}</Text>
          <Text className={styles.label}>{t('delegatedAdmin.approval.autoExtend')}</Text>
          <Text data-testid="delegated-approve-auto-extend">{asked.autoExtend ? t('delegatedAdmin.approval.autoExtendYes') : t('delegatedAdmin.approval.autoExtendNo')}</Text>
          <Text className={styles.label}>{t('delegatedAdmin.approval.linkExpires')}</Text>
          <Text data-testid="delegated-approve-expires">{format.date(asked.expiresAt)}</Text>
        </div>
        <Text weight="semibold">{t('delegatedAdmin.approval.roles')}</Text>
        <DelegatedRoleList roles={asked.roles} testId="delegated-approve-roles" />
      </Card>
      <Body1>{t('delegatedApproval.intro')}</Body1>
      <ErrorBar error={approve.error} testId="delegated-approve-error" />
      <div>
        <Button appearance="primary" icon={<CheckmarkRegular />} disabled={approve.isPending} onClick={() => approve.mutate()} data-testid="delegated-approve">
          {approve.isPending ? t('delegatedApproval.approving') : t('delegatedAdmin.approval.approve', { partner: asked.partner.name })}
        </Button>
      </div>
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
