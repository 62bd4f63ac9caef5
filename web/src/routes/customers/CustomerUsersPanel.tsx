import { useEffect, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DismissRegular, KeyRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { customerUsersPath, useAssignLicense, useCustomerUsers, useLicenses, useRemoveLicense } from '../../api/customers';
import { useSubscriptions } from '../../api/channel';
import { keys } from '../../api/keys';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { ResetUserPasswordDialog } from '../../components/ResetUserPasswordDialog';
import { EditUserButton, ResetPasswordButton, useUserColumns } from '../../components/UserColumns';
import { useCustomerPermissions } from '../../delegated';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import type { User } from '@contracts/identity';
import type { Subscription } from '@contracts/commerce';
import { AddUserDialog } from '../account/AddUserDialog';
import { EditUserDialog } from '../account/EditUserDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  tableWrap: { overflowX: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  licenses: { display: 'flex', gap: '4px', flexWrap: 'wrap', alignItems: 'center' },
  license: { display: 'inline-flex', alignItems: 'center', gap: '2px' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', justifyContent: 'flex-end' },
});

/** Assigns one of the customer's active subscriptions to a user (never more than the quantity). */
function AssignLicenseDialog({ customerId, user, onClose }: { customerId: string; user: User | null; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const subscriptions = useSubscriptions(customerId, !!user);
  const licenses = useLicenses(customerId, user?.id ?? null);
  const [subscriptionId, setSubscriptionId] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const assign = useAssignLicense(customerId, () => user!.id, {
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.licenses(customerId, user!.id) }),
        queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }),
      ]);
      onClose();
    },
  });
  const { reset } = assign;
  useEffect(() => {
    if (user) {
      setSubscriptionId('');
      setSubmitted(false);
      reset();
    }
  }, [user, reset]);

  const held = new Set((licenses.data?.items ?? []).map((item) => item.subscriptionId));
  const choices = (subscriptions.data?.items ?? []).filter((item) => item.status === 'active' && !held.has(item.id));
  const selected = choices.find((item) => item.id === subscriptionId);
  const label = (item: Subscription) =>
    t('licenses.choice', { name: item.name, assigned: format.number(item.assignedLicenses), quantity: format.number(item.quantity) });
  const error =
    (submitted && !subscriptionId ? t('licenses.subscriptionRequired') : undefined) ?? fieldError(assign.error, '/subscriptionId', ['no_licenses_available', 'subscription_not_active']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!subscriptionId) return;
    assign.mutate(subscriptionId);
  };

  return (
    <FormDialog
      open={!!user}
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('licenses.assignTitle', { name: user?.displayName ?? '' })}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={assign.isPending || choices.length === 0} data-testid="assign-license-submit">
            {t('licenses.assign')}
          </Button>
        </>
      }
      testId="assign-license-dialog"
    >
      <ErrorBar error={assign.error} fieldPaths={['/subscriptionId']} fieldCodes={['no_licenses_available', 'subscription_not_active']} testId="assign-license-error" />
      {subscriptions.isPending || licenses.isPending ? (
        <Loading />
      ) : choices.length === 0 ? (
        <MessageBar intent="info" data-testid="assign-license-none">
          <MessageBarBody>{t('licenses.noChoice')}</MessageBarBody>
        </MessageBar>
      ) : (
        <Field label={t('licenses.subscription')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
          <Dropdown
            value={selected ? label(selected) : ''}
            placeholder={t('licenses.subscriptionPlaceholder')}
            selectedOptions={subscriptionId ? [subscriptionId] : []}
            onOptionSelect={(_event, data) => setSubscriptionId(data.optionValue ?? '')}
            data-testid="assign-license-subscription"
          >
            {choices.map((item) => (
              <Option key={item.id} value={item.id} text={label(item)} data-testid={`assign-license-option-${item.id}`}>
                {label(item)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
    </FormDialog>
  );
}

function UserLicenses({ customerId, user, canAssign, onError }: { customerId: string; user: User; canAssign: boolean; onError(error: unknown): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const licenses = useLicenses(customerId, user.id);
  const remove = useRemoveLicense(customerId, user.id, {
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.licenses(customerId, user.id) }),
        queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }),
      ]),
    onError,
  });
  if (licenses.error) return <Caption1>{t('licenses.unavailable')}</Caption1>;
  if (licenses.isPending) return <Caption1>{t('common.loading')}</Caption1>;
  if (licenses.data.items.length === 0) return <Caption1 className={styles.secondary}>{t('licenses.none')}</Caption1>;
  return (
    <span className={styles.licenses} data-testid={`user-licenses-${user.email}`}>
      {licenses.data.items.map((license) => (
        <span key={license.subscriptionId} className={styles.license}>
          <Badge appearance="tint" color="brand" shape="rounded" data-testid={`user-license-${license.subscriptionId}`}>
            {license.name}
          </Badge>
          {canAssign ? (
            <Tooltip content={t('licenses.remove', { name: license.name })} relationship="label">
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                disabled={remove.isPending}
                onClick={() => remove.mutate(license.subscriptionId)}
                data-testid={`remove-license-${user.email}-${license.subscriptionId}`}
              />
            </Tooltip>
          ) : null}
        </span>
      ))}
    </span>
  );
}

export interface CustomerUsersPanelProps {
  customerId: string;
  canAssign: boolean;
  /**
   * Offer adding and changing users and resetting their passwords (customer roles only, ACC-2): where a
   * partner manages a customer's users, within the delegated roles the customer granted it.
   */
  manageUsers?: boolean;
}

/**
 * A customer's users and their licenses. A partner reads them with the delegated user administrator
 * role and assigns licenses with the license administrator role; the customer with its own roles. With
 * `manageUsers`, a partner also adds users (customer roles, or none for a plain member), changes them and
 * resets their passwords as its delegated roles allow; never a global admin's.
 */
export function CustomerUsersPanel({ customerId, canAssign, manageUsers = false }: CustomerUsersPanelProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [assigning, setAssigning] = useState<User | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const basePath = customerUsersPath(customerId);
  const queryKey = keys.customerUsers(customerId);
  const users = useCustomerUsers(customerId);
  const held = useCustomerPermissions(customerId, manageUsers);
  const canManageUsers = manageUsers && held.has(PERMISSIONS.usersManage);
  const canReset = manageUsers && held.has(PERMISSIONS.usersResetPassword);
  const home = me?.tenant.id === customerId;
  const hasActions = canAssign || canManageUsers || canReset;
  const knownNames = me ? { [me.tenant.id]: me.tenant.name } : undefined;
  const columns = useUserColumns({ tenantId: customerId, testIdPrefix: 'customer-user', knownNames, createdUnderEmail: true });

  if (users.error instanceof ApiError && users.error.code === 'delegated_role_missing') {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid={`customer-users-refused-${customerId}`}>
        <MessageBarBody>
          <MessageBarTitle>{t('customerUsers.roleMissingTitle')}</MessageBarTitle>
          {t('customerUsers.roleMissing')}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (users.error) return <ErrorBar error={users.error} testId={`customer-users-error-${customerId}`} />;
  if (users.isPending) return <Loading />;
  const items = users.data.items;

  return (
    <div className={styles.root}>
      {canManageUsers ? (
        <div className={styles.toolbar}>
          <Button size="small" icon={<AddRegular />} onClick={() => setAdding(true)} data-testid={`customer-users-add-${customerId}`}>
            {t('users.add')}
          </Button>
        </div>
      ) : null}
      {removeError ? <ErrorBar error={removeError} testId="remove-license-error" /> : null}
      {items.length === 0 ? (
        <div className={styles.empty}>{t('customerUsers.empty')}</div>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<User>
            size="small"
            aria-label={t('customerUsers.title')}
            testId={`customer-users-table-${customerId}`}
            rows={items}
            rowId={(user) => user.id}
            rowProps={columns.rowProps}
            columns={[
              columns.name,
              columns.roles,
              {
                id: 'licenses',
                header: t('customerUsers.columnLicenses'),
                cell: (user) => <UserLicenses customerId={customerId} user={user} canAssign={canAssign} onError={setRemoveError} />,
              },
              ...(hasActions
                ? [
                    columns.actions((user) => (
                      <>
                        {canAssign ? (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<KeyRegular />}
                            onClick={() => {
                              setRemoveError(null);
                              setAssigning(user);
                            }}
                            data-testid={`assign-license-${user.email}`}
                          >
                            {t('licenses.assign')}
                          </Button>
                        ) : null}
                        {/* ACC-2: delegated roles never change a global admin, nor reset its password. */}
                        {canManageUsers && (home || !user.roles.includes('globalAdmin')) ? (
                          <EditUserButton onClick={() => setEditing(user)} testId={`customer-user-edit-${user.email}`} />
                        ) : null}
                        {canReset && user.id !== me?.user.id && (home || !user.roles.includes('globalAdmin')) ? (
                          <ResetPasswordButton onClick={() => setResetting(user)} testId={`customer-user-reset-password-${user.email}`} />
                        ) : null}
                      </>
                    )),
                  ]
                : []),
            ]}
          />
        </div>
      )}
      <AssignLicenseDialog customerId={customerId} user={assigning} onClose={() => setAssigning(null)} />
      {manageUsers ? (
        <>
          <AddUserDialog open={adding} onClose={() => setAdding(false)} basePath={basePath} queryKey={queryKey} kind="customer" globalAdmin={home ? undefined : 'hidden'} />
          <EditUserDialog
            user={editing}
            onClose={() => setEditing(null)}
            basePath={basePath}
            queryKey={queryKey}
            kind="customer"
            tenantId={customerId}
            globalAdmin={home ? undefined : 'hidden'}
          />
          <ResetUserPasswordDialog user={resetting} basePath={basePath} queryKey={queryKey} onClose={() => setResetting(null)} />
        </>
      ) : null}
    </div>
  );
}
