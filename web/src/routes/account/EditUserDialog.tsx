import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBar } from '../../components/ErrorBar';
import { RolePicker } from '../../components/RolePicker';
import { fieldError } from '../../problem';
import { ME_QUERY_KEY } from '../../queryClient';
import type { User } from '../../types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
});

const FIELD_PATHS = ['/displayName', '/roles'] as const;
const ROLE_CODES = ['last_global_admin', 'global_admin_grant_forbidden'] as const;

export interface EditUserDialogProps {
  user: User | null;
  onClose(): void;
  /** Users collection the user belongs to: the own tenant's, or one administered on its owner's behalf. */
  basePath?: string;
  /** Query key refreshed after a change. */
  queryKey?: readonly unknown[];
}

export function EditUserDialog({ user, onClose, basePath = '/users', queryKey = ['users'] }: EditUserDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);

  const update = useMutation({
    mutationFn: (body: { displayName: string; roles: string[] }) =>
      api<User>(`${basePath}/${encodeURIComponent(user?.id ?? '')}`, { method: 'PATCH', body }),
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

  const rolesError = (submitted && roles.length === 0 ? t('validation.rolesRequired') : undefined) ?? fieldError(update.error, '/roles', ROLE_CODES);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!displayName.trim() || roles.length === 0) return;
    update.mutate({ displayName: displayName.trim(), roles });
  };

  return (
    <Dialog
      open={!!user}
      onOpenChange={(_event, data) => {
        if (!data.open) onClose();
      }}
    >
      <DialogSurface aria-describedby={undefined} data-testid="edit-user-dialog">
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{t('users.editTitle', { name: user?.displayName ?? '' })}</DialogTitle>
            <DialogContent className={styles.form}>
              <ErrorBar error={update.error} fieldPaths={FIELD_PATHS} fieldCodes={ROLE_CODES} testId="edit-user-error" />
              <Field label={t('users.email')}>
                <Input value={user?.email ?? ''} readOnly disabled />
              </Field>
              <Field
                label={t('users.displayName')}
                required
                validationMessage={nameError}
                validationState={nameError ? 'error' : 'none'}
              >
                <Input
                  value={displayName}
                  onChange={(_event, data) => setDisplayName(data.value)}
                  data-testid="edit-user-display-name"
                />
              </Field>
              <RolePicker value={roles} onChange={setRoles} error={rolesError} testIdPrefix="edit-user" />
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose} data-testid="edit-user-cancel">
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={update.isPending} data-testid="edit-user-submit">
                {t('common.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
