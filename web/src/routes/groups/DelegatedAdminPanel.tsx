import { useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Checkbox, Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AccessAssignment, AccessAssignmentBody, DelegatedAdmin } from '@contracts/customers';
import { useDelegatedAdminRelationships } from '../../api/customers';
import { useAccessAssignments, useCreateAccessAssignment, useDeleteAccessAssignment, useSecurityGroups, useUpdateAccessAssignment } from '../../api/groups';
import { useChannelLabels } from '../../channelLabels';
import { DelegatedStatusBadge } from '../../components/ChannelBadges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { DELEGATED_ROLE_PERMISSIONS } from '../../roles';
import { useMe, usePermission } from '../../session';

const useStyles = makeStyles({
  relationships: { display: 'flex', flexDirection: 'column', gap: '16px' },
  relationship: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  line: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  secondary: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  roles: { display: 'flex', flexDirection: 'column', gap: '2px' },
});

type AssignableRole = AccessAssignmentBody['roles'][number];

const isAssignableRole = (role: string): role is AssignableRole => role in DELEGATED_ROLE_PERMISSIONS;
/** The relationship's approved roles as the assignment body names them. */
const approvedRoles = (dar: DelegatedAdmin) => dar.roles.filter(isAssignableRole);

/** The roles to give (a subset of the relationship's approved roles), as checkboxes. */
function RolePicker({ approved, value, onChange, error }: { approved: readonly AssignableRole[]; value: readonly AssignableRole[]; onChange(next: AssignableRole[]): void; error?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useChannelLabels();
  return (
    <Field label={t('groups.assignments.rolesLabel')} hint={t('groups.assignments.rolesHint')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
      <div className={styles.roles} role="group" aria-label={t('groups.assignments.rolesLabel')}>
        {approved.map((role) => (
          <Checkbox
            key={role}
            checked={value.includes(role)}
            onChange={(_event, data) => onChange(data.checked === true ? [...value, role] : value.filter((item) => item !== role))}
            label={labels.delegatedRole(role)}
            data-testid={`assignment-role-${role}`}
          />
        ))}
      </div>
    </Field>
  );
}

/** Assigns one of the partner's security groups (not yet assigned here) some of the approved roles. */
function AssignDialog({ dar, assigned, onClose }: { dar: DelegatedAdmin; assigned: readonly AccessAssignment[]; onClose(): void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const groups = useSecurityGroups(me?.tenant.id ?? '', !!me);
  const [groupId, setGroupId] = useState('');
  const [roles, setRoles] = useState<AssignableRole[]>(approvedRoles(dar));
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateAccessAssignment(dar.id, dar.customerTenantId, { onSuccess: () => onClose() });
  const taken = new Set(assigned.map((assignment) => assignment.securityGroup.id));
  const offered = (groups.data?.items ?? []).filter((group) => !taken.has(group.id));
  const errors = {
    group: submitted && !groupId ? t('groups.assignments.groupRequired') : fieldError(create.error, '/securityGroupId', ['security_group_unknown']),
    roles: submitted && roles.length === 0 ? t('groups.assignments.rolesRequired') : fieldError(create.error, '/roles', ['role_not_approved']),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (groupId && roles.length > 0) create.mutate({ securityGroupId: groupId, roles });
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('groups.assignments.assignTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="assign-group-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={create.isPending || offered.length === 0} data-testid="assign-group-submit">
            {t('groups.assignments.assignSubmit')}
          </Button>
        </>
      }
      testId="assign-group-dialog"
    >
      <Body1>{t('groups.assignments.assignDescription')}</Body1>
      <ErrorBar error={groups.error ?? create.error} fieldPaths={['/securityGroupId', '/roles']} fieldCodes={['security_group_unknown', 'role_not_approved']} testId="assign-group-error" />
      {groups.isPending ? (
        <Loading />
      ) : offered.length === 0 ? (
        <Caption1 data-testid="assign-group-none">{t('groups.assignments.noGroups')}</Caption1>
      ) : (
        <Field label={t('groups.assignments.group')} required validationMessage={errors.group} validationState={errors.group ? 'error' : 'none'}>
          <Dropdown
            placeholder={t('groups.assignments.groupPlaceholder')}
            value={offered.find((group) => group.id === groupId)?.name ?? ''}
            selectedOptions={groupId ? [groupId] : []}
            onOptionSelect={(_event, data) => setGroupId(data.optionValue ?? '')}
            data-testid="assign-group-group"
          >
            {offered.map((group) => (
              <Option key={group.id} value={group.id} data-testid={`assign-group-option-${group.name}`}>
                {group.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <RolePicker approved={approvedRoles(dar)} value={roles} onChange={setRoles} error={errors.roles} />
    </FormDialog>
  );
}

/** Changes the roles an assignment gives its group. */
function EditRolesDialog({ dar, assignment, onClose }: { dar: DelegatedAdmin; assignment: AccessAssignment; onClose(): void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<AssignableRole[]>(assignment.roles.filter(isAssignableRole));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdateAccessAssignment(dar.id, dar.customerTenantId, { onSuccess: () => onClose() });
  const error = submitted && roles.length === 0 ? t('groups.assignments.rolesRequired') : fieldError(update.error, '/roles', ['role_not_approved']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (roles.length > 0) update.mutate({ assignmentId: assignment.id, patch: { roles } });
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('groups.assignments.editTitle', { name: assignment.securityGroup.name })}
      actions={
        <>
          <Button onClick={onClose} data-testid="edit-assignment-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={update.isPending} data-testid="edit-assignment-submit">
            {t('common.save')}
          </Button>
        </>
      }
      testId="edit-assignment-dialog"
    >
      <ErrorBar error={update.error} fieldPaths={['/roles']} fieldCodes={['role_not_approved']} testId="edit-assignment-error" />
      <RolePicker approved={approvedRoles(dar)} value={roles} onChange={setRoles} error={error} />
    </FormDialog>
  );
}

/** ACC-3: one relationship's access assignments: which of the partner's groups use which roles. */
function AccessAssignments({ dar, canManage }: { dar: DelegatedAdmin; canManage: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useChannelLabels();
  const assignments = useAccessAssignments(dar.id);
  const [dialog, setDialog] = useState<{ kind: 'assign' } | { kind: 'edit'; assignment: AccessAssignment } | null>(null);
  const [removing, setRemoving] = useState<AccessAssignment | null>(null);
  const remove = useDeleteAccessAssignment(dar.id, dar.customerTenantId, { onSuccess: () => setRemoving(null) });
  const active = dar.status === 'active';
  if (assignments.error) return <ErrorBar error={assignments.error} testId="assignments-error" />;
  if (assignments.isPending) return <Loading />;
  const items = assignments.data.items;
  return (
    <>
      {items.length > 0 ? (
        <DataTable<AccessAssignment>
          aria-label={t('groups.assignments.title')}
          testId={`assignments-${dar.id}`}
          size="small"
          rows={items}
          rowId={(assignment) => assignment.id}
          rowProps={(assignment) => ({ 'data-testid': `assignment-${assignment.securityGroup.name}` })}
          columns={[
            { id: 'group', header: t('groups.assignments.columnGroup'), cell: (assignment) => <Text weight="semibold">{assignment.securityGroup.name}</Text> },
            { id: 'roles', header: t('groups.assignments.columnRoles'), cell: (assignment) => <span data-testid="assignment-roles">{assignment.roles.map((role) => labels.delegatedRole(role)).join(', ')}</span> },
            { id: 'status', header: t('groups.assignments.columnStatus'), cell: (assignment) => <DelegatedStatusBadge status={assignment.status} /> },
            ...(canManage
              ? [
                  {
                    id: 'actions',
                    header: t('groups.assignments.columnActions'),
                    cell: (assignment: AccessAssignment) => (
                      <div className={styles.actions}>
                        {active ? (
                          <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setDialog({ kind: 'edit', assignment })} data-testid={`edit-assignment-${assignment.securityGroup.name}`}>
                            {t('groups.assignments.edit')}
                          </Button>
                        ) : null}
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          onClick={() => {
                            remove.reset();
                            setRemoving(assignment);
                          }}
                          data-testid={`remove-assignment-${assignment.securityGroup.name}`}
                        >
                          {t('groups.assignments.remove')}
                        </Button>
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {canManage ? (
        active ? (
          <div>
            <Button size="small" icon={<AddRegular />} onClick={() => setDialog({ kind: 'assign' })} data-testid={`assign-group-${dar.id}`}>
              {t('groups.assignments.assign')}
            </Button>
          </div>
        ) : (
          <Caption1 className={styles.secondary}>{t('groups.assignments.notActive')}</Caption1>
        )
      ) : null}
      {dialog?.kind === 'assign' ? <AssignDialog dar={dar} assigned={items} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditRolesDialog dar={dar} assignment={dialog.assignment} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={!!removing}
        title={t('groups.assignments.removeTitle', { name: removing?.securityGroup.name ?? '' })}
        message={t('groups.assignments.removeMessage')}
        confirmLabel={t('groups.assignments.remove')}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="remove-assignment-dialog"
      />
    </>
  );
}

/**
 * ACC-3, partner side: the partner's delegated-admin relationships with one customer, each with its
 * approved roles, the roles in use and its access assignments (global admins and admin agents assign).
 */
export function DelegatedAdminPanel({ customerId }: { customerId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const canManage = usePermission(PERMISSIONS.customersManage);
  const relationships = useDelegatedAdminRelationships(customerId, true);
  if (relationships.error) return <ErrorBar error={relationships.error} testId="delegated-admin-error" />;
  if (relationships.isPending) return <Loading />;
  const items = relationships.data.items.filter((dar) => dar.status !== 'terminated' && dar.status !== 'expired');
  if (items.length === 0) return <Caption1 className={styles.secondary}>{t('groups.assignments.empty')}</Caption1>;
  return (
    <div className={styles.relationships} data-testid={`delegated-admin-${customerId}`}>
      {items.map((dar) => (
        <div key={dar.id} className={styles.relationship} data-testid={`delegated-admin-relationship-${dar.id}`}>
          <div className={styles.line}>
            <DelegatedStatusBadge status={dar.status} />
            <Text>
              {t('groups.assignments.roles')}: {dar.roles.map((role) => labels.delegatedRole(role)).join(', ')}
            </Text>
            {dar.endsAt ? <Caption1 className={styles.secondary}>{t('groups.assignments.ends', { date: format.date(dar.endsAt) })}</Caption1> : null}
          </div>
          <Caption1 className={styles.secondary} data-testid="delegated-admin-in-use">
            {dar.assignedRoles.length > 0 ? t('groups.assignments.inUse', { roles: dar.assignedRoles.map((role) => labels.delegatedRole(role)).join(', ') }) : t('groups.assignments.noneInUse')}
          </Caption1>
          <AccessAssignments dar={dar} canManage={canManage} />
        </div>
      ))}
    </div>
  );
}
