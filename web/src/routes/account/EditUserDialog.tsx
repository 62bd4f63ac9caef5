import { useEffect, useState, type FormEvent } from 'react';
import { Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEditUser } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { RolePicker, useOwnTenantKind } from '../../components/RolePicker';
import { fieldError } from '../../problem';
import { ME_QUERY_KEY } from '../../queryClient';
import { createdElsewhere, globalAdminChoice, rolesRequired, type GlobalAdminChoice, type TenantKind } from '../../roles';
import { useMe } from '../../session';
import type { User } from '@contracts/identity';
import { ROLE_PROBLEM_CODES, roleFieldError, useUserProblemMessages } from '../../userProblems';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
});

const FIELD_PATHS = ['/displayName', '/roles'] as const;

export interface EditUserDialogProps {
  user: User | null;
  onClose(): void;
  /** Users collection the user belongs to: the own tenant's, or one administered on its owner's behalf. */
  basePath?: string;
  /** Query key refreshed after a change. */
  queryKey?: readonly unknown[];
  /** The kind of the user's tenant (its roles); the signed-in user's own when absent. */
  kind?: TenantKind;
  /** The user's tenant; the signed-in user's own when absent. */
  tenantId?: string;
  /** How global admin is offered; by the caller's own roles when absent (its own tenant). */
  globalAdmin?: GlobalAdminChoice;
}

export function EditUserDialog({ user, onClose, basePath = '/users', queryKey = ['users'], kind, tenantId, globalAdmin }: EditUserDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const ownKind = useOwnTenantKind();
  const tenantKind = kind ?? ownKind;
  const messages = useUserProblemMessages();
  // A user another organization created can never be made global admin.
  const elsewhere = !!user && createdElsewhere(user, tenantId ?? me?.tenant.id);
  const choice: GlobalAdminChoice = elsewhere ? 'hidden' : (globalAdmin ?? globalAdminChoice(me?.user.roles));
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);

  const update = useEditUser(basePath, user?.id ?? '', {
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey }),
        queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
      ]);
      onClose();
    },
  });

  const { reset } = update;
  useEffect(() => {
    if (user) {
      setDisplayName(user.displayName);
      setRoles(user.roles);
      setSubmitted(false);
      reset();
    }
  }, [user, reset]);

  const nameError = (submitted && !displayName.trim() ? t('validation.required') : undefined) ?? fieldError(update.error, '/displayName');

  const missingRoles = rolesRequired(tenantKind) && roles.length === 0;
  const rolesError = (submitted && missingRoles ? t('validation.rolesRequired') : undefined) ?? roleFieldError(update.error, messages);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!displayName.trim() || missingRoles) return;
    update.mutate({ displayName: displayName.trim(), roles });
  };

  return (
    <FormDialog
      open={!!user}
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('users.editTitle', { name: user?.displayName ?? '' })}
      actions={
        <>
          <Button onClick={onClose} data-testid="edit-user-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={update.isPending} data-testid="edit-user-submit">
            {t('common.save')}
          </Button>
        </>
      }
      testId="edit-user-dialog"
    >
      <ErrorBar error={update.error} fieldPaths={FIELD_PATHS} fieldCodes={ROLE_PROBLEM_CODES} codeMessages={messages} testId="edit-user-error" />
      <Field label={t('users.email')}>
        <Input value={user?.email ?? ''} readOnly disabled />
      </Field>
      <Field label={t('users.displayName')} required validationMessage={nameError} validationState={nameError ? 'error' : 'none'}>
        <Input value={displayName} onChange={(_event, data) => setDisplayName(data.value)} data-testid="edit-user-display-name" />
      </Field>
      <RolePicker value={roles} onChange={setRoles} error={rolesError} testIdPrefix="edit-user" kind={tenantKind} globalAdmin={choice} />
      {elsewhere && user ? (
        <Caption1 className={styles.note} data-testid="edit-user-created-elsewhere">
          {user.createdByTenantName ? t('users.createdByNoGlobalAdmin', { name: user.createdByTenantName }) : t('users.createdByOtherNoGlobalAdmin')}
        </Caption1>
      ) : null}
    </FormDialog>
  );
}
