import { useState } from 'react';
import { Body1, Button, Caption1, Input, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, PersonAvailableRegular, PersonProhibitedRegular, SearchRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import { useChangeUserState, useUsers } from '../../api/identity';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { ResetUserPasswordDialog } from '../../components/ResetUserPasswordDialog';
import { EditUserButton, ResetPasswordButton, useUserColumns } from '../../components/UserColumns';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { PERMISSIONS } from '../../permissions';
import { ME_QUERY_KEY } from '../../queryClient';
import { useMe, usePermission } from '../../session';
import type { User } from '@contracts/identity';
import { useUserProblemMessages } from '../../userProblems';
import { ResetMfaButton, ResetMfaDialog } from '../security/ResetMfaDialog';
import { AddUserDialog } from './AddUserDialog';
import { EditUserDialog } from './EditUserDialog';


const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: '12px', alignItems: 'center', marginBottom: '12px', flexWrap: 'wrap' },
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
  errorSpacing: { marginBottom: '12px' },
});

function UsersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canManage = usePermission(PERMISSIONS.usersManage);
  const canReset = usePermission(PERMISSIONS.usersResetPassword);
  const canResetMfa = usePermission(PERMISSIONS.usersResetMfa);
  const hasActions = canManage || canReset || canResetMfa;
  const messages = useUserProblemMessages();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const users = useUsers(debouncedSearch);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [resettingMfa, setResettingMfa] = useState<User | null>(null);
  const columns = useUserColumns({ tenantId: me?.tenant.id, testIdPrefix: 'user' });

  const changeState = useChangeUserState({
    onSuccess: async () => {
      setDeactivating(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.users.all }),
        queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
      ]);
    },
  });

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = users.data?.pages[0]?.totalCount ?? 0;

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canManage ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="add-user-button">
              {t('users.add')}
            </Button>
          ) : null
        }
      />
      <div className={styles.toolbar}>
        <Input
          className={styles.search}
          contentBefore={<SearchRegular />}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          value={search}
          onChange={(_event, data) => setSearch(data.value)}
          type="search"
          data-testid="users-search"
        />
        {users.data ? (
          <Caption1 className={styles.count} data-testid="users-count">
            {t('users.count', { formatted: format.number(totalCount) })}
          </Caption1>
        ) : null}
      </div>
      {changeState.error && !deactivating ? (
        <div className={styles.errorSpacing}>
          <ErrorBar error={changeState.error} codeMessages={messages} testId="user-state-error" />
        </div>
      ) : null}
      {users.error ? (
        <ErrorBar error={users.error} testId="users-error" />
      ) : users.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<User>
            aria-label={t('users.title')}
            testId="users-table"
            rows={items}
            rowId={(user) => user.id}
            rowProps={columns.rowProps}
            columns={[
              columns.name,
              columns.roles,
              columns.state,
              columns.created,
              ...(hasActions
                ? [
                    columns.actions((user) => (
                      <>
                        {canManage ? <EditUserButton onClick={() => setEditing(user)} testId={`edit-user-${user.email}`} /> : null}
                        {canReset && user.id !== me?.user.id ? (
                          <ResetPasswordButton onClick={() => setResetting(user)} testId={`reset-user-password-${user.email}`} />
                        ) : null}
                        {canResetMfa && user.id !== me?.user.id ? <ResetMfaButton onClick={() => setResettingMfa(user)} testId={`reset-user-mfa-${user.email}`} /> : null}
                        {!canManage ? null : user.state === 'inactive' ? (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<PersonAvailableRegular />}
                            disabled={changeState.isPending}
                            onClick={() => changeState.mutate({ user, state: 'active' })}
                            data-testid={`activate-user-${user.email}`}
                          >
                            {t('users.activate')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<PersonProhibitedRegular />}
                            disabled={user.id === me?.user.id}
                            onClick={() => {
                              changeState.reset();
                              setDeactivating(user);
                            }}
                            data-testid={`deactivate-user-${user.email}`}
                          >
                            {t('users.deactivate')}
                          </Button>
                        )}
                      </>
                    )),
                  ]
                : []),
            ]}
          />
          {items.length === 0 ? (
            <div className={styles.empty}>{debouncedSearch ? t('users.noMatches') : t('users.empty')}</div>
          ) : null}
          {users.hasNextPage ? (
            <div className={styles.more}>
              <Button onClick={() => users.fetchNextPage()} disabled={users.isFetchingNextPage} data-testid="users-load-more">
                {users.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      <EditUserDialog user={editing} onClose={() => setEditing(null)} />
      {me ? <ResetMfaDialog user={resettingMfa} tenantId={me.tenant.id} onClose={() => setResettingMfa(null)} /> : null}
      <ResetUserPasswordDialog user={resetting} basePath="/users" queryKey={['users']} onClose={() => setResetting(null)} />
      <FormDialog
        open={!!deactivating}
        onClose={() => setDeactivating(null)}
        title={t('users.deactivateTitle', { name: deactivating?.displayName ?? '' })}
        described
        actions={
          <>
            <Button onClick={() => setDeactivating(null)}>{t('common.cancel')}</Button>
            <Button
              appearance="primary"
              disabled={changeState.isPending}
              onClick={() => deactivating && changeState.mutate({ user: deactivating, state: 'inactive' })}
              data-testid="deactivate-user-confirm"
            >
              {t('users.deactivate')}
            </Button>
          </>
        }
        testId="deactivate-user-dialog"
      >
        <ErrorBar error={changeState.error} codeMessages={messages} testId="deactivate-user-error" />
        <Body1 as="p">{t('users.deactivateMessage', { email: deactivating?.email ?? '' })}</Body1>
      </FormDialog>
    </div>
  );
}

export default function Users() {
  return (
    <RequirePermission permission={PERMISSIONS.usersRead}>
      <UsersContent />
    </RequirePermission>
  );
}
