import type { ReactNode } from 'react';
import { Button, Caption1, TableCellLayout, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { EditRegular, KeyResetRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts/identity';
import { useFormat } from '../format';
import { CreatedByNote } from './CreatedByNote';
import type { DataColumn, DataRowProps } from './DataTable';
import { RoleBadges, UserStateBadge } from './StatusBadges';

const useStyles = makeStyles({
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
});

export interface UserColumnsOptions {
  /** The tenant the users belong to: a user another organization created says so (REL-4). */
  tenantId: string | undefined;
  /** Prefix of the rows' test ids (`{prefix}-row-{email}`) and of their "created by" notes. */
  testIdPrefix: string;
  /** Names the caller knows for organizations the answer does not name (its own). */
  knownNames?: Readonly<Record<string, string>>;
  /** The date the user was added, under its email instead of in a column of its own (narrow tables). */
  createdUnderEmail?: boolean;
}

export interface UserColumns {
  name: DataColumn<User>;
  roles: DataColumn<User>;
  state: DataColumn<User>;
  created: DataColumn<User>;
  /** The actions column; `cell` gives a user's buttons, laid out side by side. */
  actions(cell: (user: User) => ReactNode): DataColumn<User>;
  rowProps(user: User): DataRowProps;
}

/** The columns every list of a tenant's users shows (its own, a reseller's, a customer's). */
export function useUserColumns({ tenantId, testIdPrefix, knownNames, createdUnderEmail = false }: UserColumnsOptions): UserColumns {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  return {
    name: {
      id: 'name',
      header: t('users.columnName'),
      cell: (user) => (
        <TableCellLayout>
          <Text weight="semibold">{user.displayName}</Text>
          <Caption1 className={styles.secondary}>{createdUnderEmail ? `${user.email} · ${format.date(user.createdAt)}` : user.email}</Caption1>
          <CreatedByNote user={user} tenantId={tenantId} knownNames={knownNames} testIdPrefix={testIdPrefix} />
        </TableCellLayout>
      ),
    },
    roles: { id: 'roles', header: t('users.columnRoles'), cell: (user) => <RoleBadges roles={user.roles} /> },
    state: { id: 'state', header: t('users.columnState'), cell: (user) => <UserStateBadge state={user.state} /> },
    created: { id: 'created', header: t('users.columnCreated'), cell: (user) => format.date(user.createdAt) },
    actions: (cell) => ({ id: 'actions', header: t('users.columnActions'), cell: (user) => <div className={styles.actions}>{cell(user)}</div> }),
    rowProps: (user) => ({ 'data-testid': `${testIdPrefix}-row-${user.email}` }),
  };
}

/** Opens a user's edit dialog; with `refusal` instead of `onClick`, shown but disabled, the refusal as its description. */
export function EditUserButton({ onClick, testId, refusal }: { onClick?(): void; testId: string; refusal?: string }) {
  const { t } = useTranslation();
  if (refusal) {
    return (
      <Tooltip content={refusal} relationship="description">
        <Button size="small" appearance="subtle" icon={<EditRegular />} disabledFocusable data-testid={testId}>
          {t('users.edit')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={onClick} data-testid={testId}>
      {t('users.edit')}
    </Button>
  );
}

/** Opens the dialog that gives a user a temporary password (ResetUserPasswordDialog). */
export function ResetPasswordButton({ onClick, testId }: { onClick(): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button size="small" appearance="subtle" icon={<KeyResetRegular />} onClick={onClick} data-testid={testId}>
      {t('users.resetPassword')}
    </Button>
  );
}
