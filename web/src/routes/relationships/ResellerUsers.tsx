import { useState } from 'react';
import {
  Button,
  Caption1,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowLeftRegular, SearchRegular } from '@fluentui/react-icons';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { keys } from '../../api/keys';
import { useResellerUsers } from '../../api/relationships';
import { useRelationships } from '../../api/channel';
import { AdminAccessBadge } from '../../components/ChannelBadges';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { ResetUserPasswordDialog } from '../../components/ResetUserPasswordDialog';
import { EditUserButton, ResetPasswordButton, useUserColumns } from '../../components/UserColumns';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { PERMISSIONS } from '../../permissions';
import type { User } from '@contracts/identity';
import { AddUserDialog } from '../account/AddUserDialog';
import { EditUserDialog } from '../account/EditUserDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  toolbar: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  search: { minWidth: '280px' },
  count: { color: tokens.colorNeutralForeground3 },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  state: { display: 'flex', gap: '8px', alignItems: 'center' },
});

/** REL-4: a provider's admin agent manages the users of a reseller's tenant, while the reseller allows it. */
function ResellerUsersContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const relationships = useRelationships('IsIndirectCloudSolutionProviderOf');
  const relationship = relationships.data?.items.find((item) => item.partnerTenantId === tenantId);
  const name = relationship?.name ?? (location.state as { name?: string } | null)?.name ?? '';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const basePath = `/tenants/${encodeURIComponent(tenantId)}/users`;
  const queryKey = keys.resellerUsers.all(tenantId);
  const columns = useUserColumns({ tenantId, testIdPrefix: 'reseller-user' });

  const users = useResellerUsers(tenantId, q);

  const refused = users.error instanceof ApiError && users.error.status === 403;
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = users.data?.pages[0]?.totalCount ?? 0;

  return (
    <div className={styles.root}>
      <PageHeader
        title={name ? t('resellerUsers.titleNamed', { name }) : t('resellerUsers.title')}
        description={t('resellerUsers.description')}
        actions={
          <>
            <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/relationships/resellers')} data-testid="reseller-users-back">
              {t('resellerUsers.back')}
            </Button>
            {!refused ? (
              <Button appearance="primary" icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="reseller-users-add">
                {t('users.add')}
              </Button>
            ) : null}
          </>
        }
      />
      {relationship ? (
        <div className={styles.state}>
          <Text>{t('resellerUsers.adminAccess')}</Text>
          <AdminAccessBadge value={relationship.adminAccess} testId="reseller-users-admin-access" />
        </div>
      ) : null}
      {refused ? (
        <MessageBar intent="warning" layout="multiline" data-testid="reseller-users-refused" data-code={users.error instanceof ApiError ? users.error.code : undefined}>
          <MessageBarBody>
            <MessageBarTitle>{t('resellerUsers.refusedTitle')}</MessageBarTitle>
            {t('resellerUsers.refused')}
            {users.error instanceof ApiError && users.error.problem.detail ? <Caption1 block>{users.error.problem.detail}</Caption1> : null}
          </MessageBarBody>
        </MessageBar>
      ) : users.error ? (
        <ErrorBar error={users.error} testId="reseller-users-error" />
      ) : users.isPending ? (
        <Loading />
      ) : (
        <>
          <div className={styles.toolbar}>
            <Input
              className={styles.search}
              contentBefore={<SearchRegular />}
              placeholder={t('users.searchPlaceholder')}
              aria-label={t('users.searchPlaceholder')}
              value={search}
              onChange={(_event, data) => setSearch(data.value)}
              type="search"
              data-testid="reseller-users-search"
            />
            <Caption1 className={styles.count} data-testid="reseller-users-count">
              {t('users.count', { formatted: format.number(totalCount) })}
            </Caption1>
          </div>
          <div className={styles.tableWrap}>
            <DataTable<User>
              aria-label={t('resellerUsers.title')}
              testId="reseller-users-table"
              rows={items}
              rowId={(user) => user.id}
              rowProps={columns.rowProps}
              columns={[
                columns.name,
                columns.roles,
                columns.state,
                columns.created,
                columns.actions((user) =>
                  // ACC-2, REL-4: admin access never changes a global admin (nor its password).
                  user.roles.includes('globalAdmin') ? (
                    <EditUserButton testId={`reseller-user-edit-${user.email}`} refusal={t('users.globalAdminOnlyHome')} />
                  ) : (
                    <>
                      <EditUserButton onClick={() => setEditing(user)} testId={`reseller-user-edit-${user.email}`} />
                      <ResetPasswordButton onClick={() => setResetting(user)} testId={`reseller-user-reset-password-${user.email}`} />
                    </>
                  ),
                ),
              ]}
            />
            {items.length === 0 ? <div className={styles.empty}>{q ? t('users.noMatches') : t('users.empty')}</div> : null}
            {users.hasNextPage ? (
              <div className={styles.more}>
                <Button onClick={() => users.fetchNextPage()} disabled={users.isFetchingNextPage}>
                  {users.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        </>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} basePath={basePath} queryKey={queryKey} kind="partner" globalAdmin="hidden" />
      <EditUserDialog
        user={editing}
        onClose={() => setEditing(null)}
        basePath={basePath}
        queryKey={queryKey}
        kind="partner"
        tenantId={tenantId}
        globalAdmin="hidden"
      />
      <ResetUserPasswordDialog user={resetting} basePath={basePath} queryKey={queryKey} onClose={() => setResetting(null)} />
    </div>
  );
}

export default function ResellerUsers() {
  const { tenantId = '' } = useParams();
  return (
    <div data-testid="reseller-users-page">
      <RequirePermission permission={PERMISSIONS.relationshipsRead}>
        <ResellerUsersContent tenantId={tenantId} />
      </RequirePermission>
    </div>
  );
}
