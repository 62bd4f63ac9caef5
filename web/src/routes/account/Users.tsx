import { useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, EditRegular, KeyResetRegular, PersonAvailableRegular, PersonProhibitedRegular, SearchRegular } from '@fluentui/react-icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { CreatedByNote } from '../../components/CreatedByNote';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { ResetUserPasswordDialog } from '../../components/ResetUserPasswordDialog';
import { RoleBadges, UserStateBadge } from '../../components/StatusBadges';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { PERMISSIONS } from '../../permissions';
import { ME_QUERY_KEY } from '../../queryClient';
import { useMe, usePermission } from '../../session';
import type { Collection } from '@contracts/platform';
import type { User } from '@contracts/identity';
import { useUserProblemMessages } from '../../userProblems';
import { AddUserDialog } from './AddUserDialog';
import { EditUserDialog } from './EditUserDialog';

const PAGE_SIZE = 50;

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
  email: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  errorSpacing: { marginBottom: '12px' },
});

function useUsers(search: string) {
  return useInfiniteQuery({
    queryKey: ['users', search],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      pageParam
        ? api<Collection<User>>(pageParam, { signal })
        : api<Collection<User>>('/users', { query: { size: PAGE_SIZE, q: search || undefined }, signal }),
    getNextPageParam: (last) => last.links?.next?.uri ?? null,
  });
}

function UsersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canManage = usePermission(PERMISSIONS.usersManage);
  const canReset = usePermission(PERMISSIONS.usersResetPassword);
  const hasActions = canManage || canReset;
  const messages = useUserProblemMessages();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const users = useUsers(debouncedSearch);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const changeState = useMutation({
    mutationFn: ({ user, state }: { user: User; state: 'active' | 'inactive' }) =>
      api<User>(`/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { state } }),
    onSuccess: async () => {
      setDeactivating(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users'] }),
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
          <Table aria-label={t('users.title')} data-testid="users-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('users.columnName')}</TableHeaderCell>
                <TableHeaderCell>{t('users.columnRoles')}</TableHeaderCell>
                <TableHeaderCell>{t('users.columnState')}</TableHeaderCell>
                <TableHeaderCell>{t('users.columnCreated')}</TableHeaderCell>
                {hasActions ? <TableHeaderCell>{t('users.columnActions')}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((user) => (
                <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
                  <TableCell>
                    <TableCellLayout>
                      <Text weight="semibold">{user.displayName}</Text>
                      <Caption1 className={styles.email}>{user.email}</Caption1>
                      <CreatedByNote user={user} tenantId={me?.tenant.id} testIdPrefix="user" />
                    </TableCellLayout>
                  </TableCell>
                  <TableCell>
                    <RoleBadges roles={user.roles} />
                  </TableCell>
                  <TableCell>
                    <UserStateBadge state={user.state} />
                  </TableCell>
                  <TableCell>{format.date(user.createdAt)}</TableCell>
                  {hasActions ? (
                    <TableCell>
                      <div className={styles.actions}>
                        {canManage ? (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<EditRegular />}
                            onClick={() => setEditing(user)}
                            data-testid={`edit-user-${user.email}`}
                          >
                            {t('users.edit')}
                          </Button>
                        ) : null}
                        {canReset && user.id !== me?.user.id ? (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<KeyResetRegular />}
                            onClick={() => setResetting(user)}
                            data-testid={`reset-user-password-${user.email}`}
                          >
                            {t('users.resetPassword')}
                          </Button>
                        ) : null}
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
                      </div>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
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
      <ResetUserPasswordDialog user={resetting} basePath="/users" queryKey={['users']} onClose={() => setResetting(null)} />
      <Dialog
        open={!!deactivating}
        onOpenChange={(_event, data) => {
          if (!data.open) setDeactivating(null);
        }}
      >
        <DialogSurface data-testid="deactivate-user-dialog">
          <DialogBody>
            <DialogTitle>{t('users.deactivateTitle', { name: deactivating?.displayName ?? '' })}</DialogTitle>
            <DialogContent>
              <ErrorBar error={changeState.error} codeMessages={messages} testId="deactivate-user-error" />
              <Body1 as="p">{t('users.deactivateMessage', { email: deactivating?.email ?? '' })}</Body1>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDeactivating(null)}>{t('common.cancel')}</Button>
              <Button
                appearance="primary"
                disabled={changeState.isPending}
                onClick={() => deactivating && changeState.mutate({ user: deactivating, state: 'inactive' })}
                data-testid="deactivate-user-confirm"
              >
                {t('users.deactivate')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
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
