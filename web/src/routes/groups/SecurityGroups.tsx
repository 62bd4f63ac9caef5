import { useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Dropdown, Field, Input, Option, Subtitle2, TableCellLayout, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular, PersonAddRegular, PersonDeleteRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { SecurityGroup, SecurityGroupMember } from '@contracts/identity/groups';
import {
  useAddGroupMember,
  useCreateSecurityGroup,
  useDeleteSecurityGroup,
  useGroupMembers,
  useRemoveGroupMember,
  useSecurityGroups,
  useUpdateSecurityGroup,
} from '../../api/groups';
import { useUserDirectory } from '../../api/identity';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, RowExpandButton } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe, usePermission } from '../../session';

const useStyles = makeStyles({
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, overflowX: 'auto' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  details: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px 16px 20px 48px', backgroundColor: tokens.colorNeutralBackground2 },
  detailsHeader: { display: 'flex', gap: '12px', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' },
});

/** Creates a group, or renames one and changes its description. */
function GroupDialog({ tenantId, editing, onClose }: { tenantId: string; editing?: SecurityGroup; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateSecurityGroup(tenantId, { onSuccess: () => onClose() });
  const update = useUpdateSecurityGroup(tenantId, { onSuccess: () => onClose() });
  const mutation = editing ? update : create;
  const nameError = submitted && !name.trim() ? t('validation.required') : fieldError(mutation.error, '/name', ['security_group_name_taken']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    if (editing) update.mutate({ groupId: editing.id, patch: { name: name.trim(), description: description.trim() || null } });
    else create.mutate({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={editing ? t('groups.editTitle') : t('groups.createTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="group-dialog-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={mutation.isPending} data-testid="group-dialog-submit">
            {t('common.save')}
          </Button>
        </>
      }
      testId="group-dialog"
    >
      <ErrorBar error={mutation.error} fieldPaths={['/name', '/description']} fieldCodes={['security_group_name_taken']} testId="group-dialog-error" />
      <Field label={t('groups.name')} required validationMessage={nameError} validationState={nameError ? 'error' : 'none'}>
        <Input value={name} onChange={(_event, data) => setName(data.value)} maxLength={120} data-testid="group-name" />
      </Field>
      <Field label={t('groups.descriptionLabel')} validationMessage={fieldError(mutation.error, '/description')}>
        <Textarea value={description} onChange={(_event, data) => setDescription(data.value)} maxLength={1000} data-testid="group-description" />
      </Field>
    </FormDialog>
  );
}

/** Adds one of the tenant's users to a group. */
function AddMemberDialog({ tenantId, group, members, onClose }: { tenantId: string; group: SecurityGroup; members: readonly SecurityGroupMember[]; onClose(): void }) {
  const { t } = useTranslation();
  const users = useUserDirectory(true);
  const [userId, setUserId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const add = useAddGroupMember(tenantId, group.id, { onSuccess: () => onClose() });
  const memberIds = new Set(members.map((member) => member.id));
  const chosen = users.data?.items.find((user) => user.id === userId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (userId) add.mutate(userId);
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('groups.addMemberTitle', { name: group.name })}
      actions={
        <>
          <Button onClick={onClose} data-testid="add-member-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={add.isPending} data-testid="add-member-submit">
            {t('groups.addMember')}
          </Button>
        </>
      }
      testId="add-member-dialog"
    >
      <ErrorBar error={users.error ?? add.error} testId="add-member-error" />
      <Field label={t('groups.user')} required validationMessage={submitted && !userId ? t('validation.required') : undefined} validationState={submitted && !userId ? 'error' : 'none'}>
        <Dropdown
          placeholder={t('groups.userPlaceholder')}
          value={chosen ? `${chosen.displayName} (${chosen.email})` : ''}
          selectedOptions={userId ? [userId] : []}
          onOptionSelect={(_event, data) => setUserId(data.optionValue ?? '')}
          data-testid="add-member-user"
        >
          {(users.data?.items ?? []).map((user) => (
            <Option key={user.id} value={user.id} text={`${user.displayName} (${user.email})`} disabled={memberIds.has(user.id)} data-testid={`add-member-option-${user.email}`}>
              {memberIds.has(user.id) ? `${user.displayName} (${user.email}) · ${t('groups.alreadyMember')}` : `${user.displayName} (${user.email})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </FormDialog>
  );
}

/** A group's members, and (for its managers) adding and removing them. */
function GroupMembers({ tenantId, group, canManage }: { tenantId: string; group: SecurityGroup; canManage: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const members = useGroupMembers(tenantId, group.id);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SecurityGroupMember | null>(null);
  const remove = useRemoveGroupMember(tenantId, group.id, { onSuccess: () => setRemoving(null) });
  const items = members.data?.items ?? [];
  return (
    <div className={styles.details} data-testid={`group-details-${group.id}`}>
      <div className={styles.detailsHeader}>
        <Subtitle2 as="h3">{t('groups.members')}</Subtitle2>
        {canManage ? (
          <Button size="small" icon={<PersonAddRegular />} onClick={() => setAdding(true)} data-testid={`add-member-${group.id}`}>
            {t('groups.addMember')}
          </Button>
        ) : null}
      </div>
      {group.description ? <Body1>{group.description}</Body1> : null}
      {members.error ? <ErrorBar error={members.error} testId="group-members-error" /> : null}
      {members.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Caption1 className={styles.secondary} data-testid="group-members-empty">
          {t('groups.membersEmpty')}
        </Caption1>
      ) : (
        <DataTable<SecurityGroupMember>
          aria-label={t('groups.members')}
          testId={`group-members-${group.id}`}
          size="small"
          rows={items}
          rowId={(member) => member.id}
          rowProps={(member) => ({ 'data-testid': `group-member-${member.email ?? member.id}` })}
          columns={[
            {
              id: 'member',
              header: t('groups.columnMember'),
              cell: (member) => (
                <TableCellLayout>
                  <Text>{member.displayName ?? member.id}</Text>
                  <Caption1 className={styles.secondary}>{member.type === 'app' ? t('groups.app') : member.email}</Caption1>
                </TableCellLayout>
              ),
            },
            { id: 'added', header: t('groups.columnAdded'), cell: (member) => format.date(member.addedAt) },
            ...(canManage
              ? [
                  {
                    id: 'actions',
                    header: '',
                    headerLabel: t('groups.columnActions'),
                    cell: (member: SecurityGroupMember) =>
                      member.type === 'user' ? (
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<PersonDeleteRegular />}
                          onClick={() => {
                            remove.reset();
                            setRemoving(member);
                          }}
                          data-testid={`remove-member-${member.email ?? member.id}`}
                        >
                          {t('groups.remove')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding ? <AddMemberDialog tenantId={tenantId} group={group} members={items} onClose={() => setAdding(false)} /> : null}
      <ConfirmDialog
        open={!!removing}
        title={t('groups.removeTitle', { name: removing?.displayName ?? '' })}
        message={t('groups.removeMessage')}
        confirmLabel={t('groups.remove')}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="remove-member-dialog"
      />
    </div>
  );
}

function SecurityGroupsContent({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const canManage = usePermission(PERMISSIONS.securityGroupsManage);
  // Membership gives the group's delegated roles: it is for those who make the assignments (ACC-3).
  const canManageMembers = usePermission(PERMISSIONS.customersManage);
  const groups = useSecurityGroups(tenantId);
  const [dialog, setDialog] = useState<{ editing?: SecurityGroup } | null>(null);
  const [deleting, setDeleting] = useState<SecurityGroup | null>(null);
  const remove = useDeleteSecurityGroup(tenantId, { onSuccess: () => setDeleting(null) });

  if (groups.error) return <ErrorBar error={groups.error} testId="groups-error" />;
  if (groups.isPending) return <Loading />;
  const items = groups.data.items;

  return (
    <>
      <PageHeader
        title={t('groups.title')}
        description={t('groups.description')}
        actions={
          canManage ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setDialog({})} data-testid="create-group">
              {t('groups.create')}
            </Button>
          ) : undefined
        }
      />
      <div className={styles.tableWrap}>
        <DataTable<SecurityGroup>
          aria-label={t('groups.title')}
          testId="groups-table"
          rows={items}
          rowId={(group) => group.id}
          rowProps={(group) => ({ 'data-testid': `group-row-${group.name}` })}
          expand={{ render: (group) => <GroupMembers tenantId={tenantId} group={group} canManage={canManageMembers} /> }}
          columns={[
            {
              id: 'name',
              header: t('groups.columnName'),
              cell: (group, _index, row) => (
                <TableCellLayout
                  media={<RowExpandButton controls={row} label={row.expanded ? t('groups.hideMembers') : t('groups.showMembers')} testId={`group-expand-${group.name}`} />}
                >
                  <Text weight="semibold" data-testid="group-name-cell">
                    {group.name}
                  </Text>
                  {group.description ? <Caption1 className={styles.secondary}>{group.description}</Caption1> : null}
                </TableCellLayout>
              ),
            },
            { id: 'members', header: t('groups.columnMembers'), cell: (group) => <span data-testid="group-member-count">{group.memberCount}</span> },
            ...(canManage
              ? [
                  {
                    id: 'actions',
                    header: t('groups.columnActions'),
                    cell: (group: SecurityGroup) => (
                      <div className={styles.actions}>
                        <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setDialog({ editing: group })} data-testid={`edit-group-${group.name}`}>
                          {t('groups.edit')}
                        </Button>
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          onClick={() => {
                            remove.reset();
                            setDeleting(group);
                          }}
                          data-testid={`delete-group-${group.name}`}
                        >
                          {t('groups.delete')}
                        </Button>
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {items.length === 0 ? (
          <div className={styles.empty} data-testid="groups-empty">
            {t('groups.empty')}
          </div>
        ) : null}
      </div>
      {dialog ? <GroupDialog tenantId={tenantId} editing={dialog.editing} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={!!deleting}
        title={t('groups.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('groups.deleteMessage')}
        confirmLabel={t('groups.delete')}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => setDeleting(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="delete-group-dialog"
      />
    </>
  );
}

/** ACC-3: the tenant's security groups and their members (Account settings). */
export default function SecurityGroups() {
  const { data: me } = useMe();
  return (
    <div data-testid="security-groups-page">
      <RequirePermission permission={PERMISSIONS.usersRead}>{me ? <SecurityGroupsContent tenantId={me.tenant.id} /> : <Loading />}</RequirePermission>
    </div>
  );
}
