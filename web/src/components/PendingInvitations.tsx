import { useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Collection } from '@contracts/platform';
import type { CustomerInvitation } from '@contracts/customers';
import type { ResellerInvitation } from '@contracts/relationships';
import { useFormat } from '../format';
import { ConfirmDialog } from './ConfirmDialog';
import { DataTable, type DataColumn } from './DataTable';
import { ErrorBar } from './ErrorBar';
import { Loading } from './Loading';

const useStyles = makeStyles({
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

/** What every kind of invitation link (REL-2 reseller, CUS-1 customer) shows in a list of pending ones. */
export type PendingInvitation = Pick<ResellerInvitation | CustomerInvitation, 'id' | 'email' | 'sentAt' | 'expiresAt'>;

export interface PendingInvitationsProps<T extends PendingInvitation> {
  /** The pending invitations. */
  invitations: UseQueryResult<Collection<T>>;
  /** Withdraws one invitation by its ID; its own onSuccess refreshes the list. */
  revoke: UseMutationResult<void, unknown, string>;
  /** Whether the caller may withdraw invitations (the revoke column and dialog). */
  canRevoke: boolean;
  /** The table's label. */
  label: string;
  /** Columns of the invitation's kind, shown after the invited email. */
  columns?: readonly DataColumn<T>[];
  /**
   * Test ids: `list` names the table (`-table`), its empty note (`-empty`) and its error (`-error`); `row`,
   * each row (`-{id}`); `revoke`, each withdraw button (`-{id}`) and the confirmation (`-dialog`).
   */
  testIds: { list: string; row: string; revoke: string };
}

/** A list of pending invitation links, each withdrawn after a confirmation. */
export function PendingInvitations<T extends PendingInvitation>({ invitations, revoke, canRevoke, label, columns = [], testIds }: PendingInvitationsProps<T>) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const [revoking, setRevoking] = useState<T | null>(null);

  if (invitations.error) return <ErrorBar error={invitations.error} testId={`${testIds.list}-error`} />;
  if (invitations.isPending) return <Loading />;
  const items = invitations.data.items;
  const revokeColumn: DataColumn<T> = {
    id: 'actions',
    header: t('indirectResellers.columnActions'),
    cell: (invitation) => (
      <Button
        size="small"
        appearance="subtle"
        icon={<DeleteRegular />}
        onClick={() => {
          revoke.reset();
          setRevoking(invitation);
        }}
        data-testid={`${testIds.revoke}-${invitation.id}`}
      >
        {t('indirectResellers.revoke')}
      </Button>
    ),
  };

  return (
    <div className={styles.tableWrap}>
      <DataTable<T>
        aria-label={label}
        testId={`${testIds.list}-table`}
        rows={items}
        rowId={(invitation) => invitation.id}
        rowProps={(invitation) => ({ 'data-testid': `${testIds.row}-${invitation.id}` })}
        columns={[
          { id: 'email', header: t('indirectResellers.columnInvitedEmail'), cell: (invitation) => invitation.email ?? t('indirectResellers.noEmail') },
          ...columns,
          { id: 'sent', header: t('indirectResellers.columnSent'), cell: (invitation) => (invitation.sentAt ? format.dateTime(invitation.sentAt) : t('indirectResellers.notSent')) },
          { id: 'expires', header: t('indirectResellers.columnExpires'), cell: (invitation) => format.date(invitation.expiresAt) },
          ...(canRevoke ? [revokeColumn] : []),
        ]}
      />
      {items.length === 0 ? (
        <div className={styles.empty} data-testid={`${testIds.list}-empty`}>
          {t('indirectResellers.noPending')}
        </div>
      ) : null}
      <ConfirmDialog
        open={!!revoking}
        title={t('indirectResellers.revokeTitle')}
        message={t('indirectResellers.revokeMessage', { email: revoking?.email ?? t('indirectResellers.noEmail') })}
        confirmLabel={t('indirectResellers.revoke')}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoke.error}
        testId={`${testIds.revoke}-dialog`}
      />
    </div>
  );
}
