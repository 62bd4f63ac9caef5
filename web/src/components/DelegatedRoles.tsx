import { Caption1, Checkbox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useChannelLabels } from '../channelLabels';
import { DELEGATED_ADMIN_ROLES, type DelegatedAdminRole } from '../values';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '8px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px' },
  picker: { display: 'flex', flexDirection: 'column', gap: '4px' },
  allows: { color: tokens.colorNeutralForeground3, display: 'block', paddingInlineStart: '32px', marginTop: '-6px' },
});

/**
 * What each delegated-admin role allows in the customer's tenant, in a sentence (as the delegated-role
 * table of platform/access.ts grants it; roles.ts DELEGATED_ROLE_PERMISSIONS mirrors it). A role the
 * portal does not know has no sentence.
 */
export function useDelegatedRoleAllows() {
  const { t } = useTranslation();
  const sentences: Record<DelegatedAdminRole, string> = {
    userAdministrator: t('delegatedAdmin.roleAllows.userAdministrator'),
    licenseAdministrator: t('delegatedAdmin.roleAllows.licenseAdministrator'),
    helpdeskAdministrator: t('delegatedAdmin.roleAllows.helpdeskAdministrator'),
    billingReader: t('delegatedAdmin.roleAllows.billingReader'),
    globalAdministrator: t('delegatedAdmin.roleAllows.globalAdministrator'),
  };
  return (role: string): string => (Object.hasOwn(sentences, role) ? sentences[role as DelegatedAdminRole] : '');
}

/** Roles with what each allows, as a list (the approval page, the request's result). */
export function DelegatedRoleList({ roles, testId }: { roles: readonly string[]; testId?: string }) {
  const styles = useStyles();
  const labels = useChannelLabels();
  const allows = useDelegatedRoleAllows();
  return (
    <ul className={styles.list} data-testid={testId}>
      {roles.map((role) => (
        <li key={role} className={styles.item} data-testid={`delegated-role-${role}`}>
          <Text weight="semibold">{labels.delegatedRole(role)}</Text>
          {allows(role) ? <Caption1 data-testid={`delegated-role-allows-${role}`}>{allows(role)}</Caption1> : null}
        </li>
      ))}
    </ul>
  );
}

/** Checkboxes of the delegated-admin roles, each with what it allows beneath it. */
export function DelegatedRolePicker({
  value,
  onChange,
  label,
  testIdPrefix,
}: {
  value: readonly DelegatedAdminRole[];
  onChange(next: DelegatedAdminRole[]): void;
  label: string;
  testIdPrefix: string;
}) {
  const styles = useStyles();
  const labels = useChannelLabels();
  const allows = useDelegatedRoleAllows();
  return (
    <div className={styles.picker} role="group" aria-label={label}>
      {DELEGATED_ADMIN_ROLES.map((role) => (
        <div key={role}>
          <Checkbox
            checked={value.includes(role)}
            onChange={(_event, data) => onChange(data.checked === true ? [...value, role] : value.filter((item) => item !== role))}
            label={labels.delegatedRole(role)}
            aria-describedby={`${testIdPrefix}-${role}-allows`}
            data-testid={`${testIdPrefix}-${role}`}
          />
          <Caption1 id={`${testIdPrefix}-${role}-allows`} className={styles.allows} data-testid={`${testIdPrefix}-${role}-allows`}>
            {allows(role)}
          </Caption1>
        </div>
      ))}
    </div>
  );
}
