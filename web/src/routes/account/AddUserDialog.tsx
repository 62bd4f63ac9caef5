import { useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAddUser } from '../../api/identity';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog, TemporaryPassword } from '../../components/FormDialog';
import { RolePicker, useOwnTenantKind } from '../../components/RolePicker';
import { fieldError } from '../../problem';
import { globalAdminChoice, rolesRequired, type GlobalAdminChoice, type TenantKind } from '../../roles';
import { useMe } from '../../session';
import type { AddedUser } from '@contracts/identity';
import { ROLE_PROBLEM_CODES, roleFieldError, useUserProblemMessages } from '../../userProblems';
import { isPlausibleEmail } from '../../validation';

const FIELD_PATHS = ['/displayName', '/email', '/roles'] as const;
const FIELD_CODES: Record<string, readonly string[]> = {
  '/email': ['email_taken'],
  '/roles': ROLE_PROBLEM_CODES,
};
const ALL_FIELD_CODES = Object.values(FIELD_CODES).flat();

export interface AddUserDialogProps {
  open: boolean;
  onClose(): void;
  /** Users collection to add to: the own tenant's, or one administered on its owner's behalf. */
  basePath?: string;
  /** Query key refreshed after a user was added. */
  queryKey?: readonly unknown[];
  /** The kind of the tenant the user is added to (its roles); the signed-in user's own when absent. */
  kind?: TenantKind;
  /** How global admin is offered; by the caller's own roles when absent (its own tenant). */
  globalAdmin?: GlobalAdminChoice;
}

export function AddUserDialog({ open, onClose, basePath = '/users', queryKey = ['users'], kind, globalAdmin }: AddUserDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const ownKind = useOwnTenantKind();
  const tenantKind = kind ?? ownKind;
  const messages = useUserProblemMessages();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<AddedUser | null>(null);

  const create = useAddUser(basePath, {
    onSuccess: async (result) => {
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey });
    },
  });

  const reset = () => {
    setDisplayName('');
    setEmail('');
    setRoles([]);
    setSubmitted(false);
    setCreated(null);
    create.reset();
  };

  const close = () => {
    reset();
    onClose();
  };

  const clientErrors: Record<string, string | undefined> = {
    '/displayName': displayName.trim() ? undefined : t('validation.required'),
    '/email': !email.trim() ? t('validation.required') : isPlausibleEmail(email) ? undefined : t('validation.email'),
    // A customer's user may hold no role: it is then a plain member of its directory.
    '/roles': roles.length > 0 || !rolesRequired(tenantKind) ? undefined : t('validation.rolesRequired'),
  };
  const errorFor = (path: string) =>
    (submitted ? clientErrors[path] : undefined) ??
    (path === '/roles' ? roleFieldError(create.error, messages) : fieldError(create.error, path, FIELD_CODES[path]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    create.mutate({ displayName: displayName.trim(), email: email.trim(), roles });
  };

  if (created) {
    return (
      <FormDialog
        open={open}
        onClose={close}
        alert
        title={t('users.addedTitle')}
        actions={
          <Button appearance="primary" onClick={close} data-testid="add-user-done">
            {t('common.done')}
          </Button>
        }
        testId="add-user-dialog"
      >
        <MessageBar intent="success">
          <MessageBarBody>
            {created.user.roles.length === 0
              ? t('users.addedMemberMessage', { name: created.user.displayName, email: created.user.email })
              : t('users.addedMessage', { name: created.user.displayName, email: created.user.email })}
          </MessageBarBody>
        </MessageBar>
        {created.temporaryPassword ? (
          <TemporaryPassword password={created.temporaryPassword} valueTestId="temporary-password" copyTestId="temporary-password-copy" />
        ) : null}
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open={open}
      onClose={close}
      onSubmit={onSubmit}
      title={t('users.addTitle')}
      actions={
        <>
          <Button onClick={close} data-testid="add-user-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="add-user-submit">
            {t('users.addSubmit')}
          </Button>
        </>
      }
      testId="add-user-dialog"
    >
      <Body1>{t('users.addDescription')}</Body1>
      <ErrorBar error={create.error} fieldPaths={FIELD_PATHS} fieldCodes={ALL_FIELD_CODES} codeMessages={messages} testId="add-user-error" />
      <Field label={t('users.displayName')} required validationMessage={errorFor('/displayName')} validationState={errorFor('/displayName') ? 'error' : 'none'}>
        <Input value={displayName} onChange={(_event, data) => setDisplayName(data.value)} data-testid="add-user-display-name" />
      </Field>
      <Field label={t('users.email')} required validationMessage={errorFor('/email')} validationState={errorFor('/email') ? 'error' : 'none'}>
        <Input type="email" value={email} onChange={(_event, data) => setEmail(data.value)} data-testid="add-user-email" />
      </Field>
      <RolePicker
        value={roles}
        onChange={setRoles}
        error={errorFor('/roles')}
        testIdPrefix="add-user"
        kind={tenantKind}
        globalAdmin={globalAdmin ?? globalAdminChoice(me?.user.roles)}
      />
    </FormDialog>
  );
}
