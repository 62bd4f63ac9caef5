import { Checkbox, Field, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { OPERATOR_ROLES, PARTNER_ROLES, isKnownRole, roleDescriptionKey, roleNameKey, type Role } from '../roles';
import { useMe } from '../session';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '2px' },
  description: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, display: 'block' },
});

/** Roles that the signed-in user's tenant can grant: operator roles in the operator tenant. */
export function useAssignableRoles(): readonly Role[] {
  const { data: me } = useMe();
  const isOperator = !!me?.memberships.some((membership) => membership.program === 'operator');
  return isOperator ? OPERATOR_ROLES : PARTNER_ROLES;
}

export interface RolePickerProps {
  value: readonly string[];
  onChange(roles: string[]): void;
  error?: string;
  testIdPrefix: string;
  disabled?: boolean;
}

export function RolePicker({ value, onChange, error, testIdPrefix, disabled }: RolePickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const roles = useAssignableRoles();
  // Roles the user already holds but this tenant cannot grant stay listed so they can be removed.
  const extra = value.filter((role) => !(roles as readonly string[]).includes(role));

  const toggle = (role: string, checked: boolean) => {
    const next = checked ? [...value.filter((item) => item !== role), role] : value.filter((item) => item !== role);
    onChange(next);
  };

  return (
    <Field
      label={t('users.roles')}
      hint={t('users.rolesHint')}
      validationMessage={error}
      validationState={error ? 'error' : 'none'}
    >
      <div className={styles.list} role="group" aria-label={t('users.roles')} data-testid={`${testIdPrefix}-roles`}>
        {roles.map((role) => (
          <Checkbox
            key={role}
            checked={value.includes(role)}
            disabled={disabled}
            onChange={(_event, data) => toggle(role, data.checked === true)}
            data-testid={`${testIdPrefix}-role-${role}`}
            label={
              <span>
                {t(roleNameKey(role))}
                <span className={styles.description}>{t(roleDescriptionKey(role))}</span>
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
