import { Checkbox, Field, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { assignableRoles, isKnownRole, roleDescriptionKey, roleNameKey, tenantKindOf, type GlobalAdminChoice, type Role, type TenantKind } from '../roles';
import { useMe } from '../session';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '2px' },
  description: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, display: 'block' },
});

/** The kind of the signed-in user's own tenant (operator, partner or customer). */
export function useOwnTenantKind(): TenantKind {
  const { data: me } = useMe();
  return tenantKindOf(me?.memberships);
}

export interface RolePickerProps {
  value: readonly string[];
  onChange(roles: string[]): void;
  error?: string;
  testIdPrefix: string;
  disabled?: boolean;
  /** The kind of the tenant whose user this is; the signed-in user's own tenant when absent. */
  kind?: TenantKind;
  /** How global admin is offered (see GlobalAdminChoice). */
  globalAdmin?: GlobalAdminChoice;
}

export function RolePicker({ value, onChange, error, testIdPrefix, disabled, kind, globalAdmin = 'offer' }: RolePickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const ownKind = useOwnTenantKind();
  const tenantKind = kind ?? ownKind;
  const offered = assignableRoles(tenantKind).filter((role) => role !== 'globalAdmin' || globalAdmin !== 'hidden' || value.includes(role));
  // Roles the user already holds but this tenant cannot grant stay listed so they can be removed.
  const extra = value.filter((role) => !(offered as readonly string[]).includes(role));
  const locked = (role: string) => role === 'globalAdmin' && globalAdmin !== 'offer';

  const toggle = (role: string, checked: boolean) => {
    const next = checked ? [...value.filter((item) => item !== role), role] : value.filter((item) => item !== role);
    onChange(next);
  };

  return (
    <Field
      label={t('users.roles')}
      hint={tenantKind === 'customer' ? t('users.rolesHintCustomer') : t('users.rolesHint')}
      validationMessage={error}
      validationState={error ? 'error' : 'none'}
    >
      <div className={styles.list} role="group" aria-label={t('users.roles')} data-testid={`${testIdPrefix}-roles`} data-kind={tenantKind}>
        {offered.map((role: Role) => (
          <Checkbox
            key={role}
            checked={value.includes(role)}
            disabled={disabled || locked(role)}
            onChange={(_event, data) => toggle(role, data.checked === true)}
            data-testid={`${testIdPrefix}-role-${role}`}
            label={
              <span>
                {t(roleNameKey(role))}
                <span className={styles.description}>
                  {locked(role) ? t('users.globalAdminLocked') : t(roleDescriptionKey(role))}
                </span>
              </span>
            }
          />
        ))}
        {extra.map((role) => (
          <Checkbox
            key={role}
            checked
            disabled={disabled}
            onChange={(_event, data) => toggle(role, data.checked === true)}
            data-testid={`${testIdPrefix}-role-${role}`}
            label={isKnownRole(role) ? t(roleNameKey(role)) : role}
          />
        ))}
      </div>
    </Field>
  );
}
