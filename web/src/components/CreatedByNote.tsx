import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { createdElsewhere } from '../roles';
import type { User } from '@contracts/identity';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3, display: 'block' },
});

export interface CreatedByNoteProps {
  user: Pick<User, 'email' | 'createdByTenantId' | 'createdByTenantName'>;
  /** The tenant the user belongs to. */
  tenantId: string | undefined;
  /** Names the caller knows for organizations the answer does not name (its own). */
  knownNames?: Readonly<Record<string, string>>;
  testIdPrefix: string;
}

/** REL-4: "Created by …" for a user another organization created; nothing for the tenant's own users. */
export function CreatedByNote({ user, tenantId, knownNames, testIdPrefix }: CreatedByNoteProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!createdElsewhere(user, tenantId)) return null;
  const name = user.createdByTenantName ?? (user.createdByTenantId ? knownNames?.[user.createdByTenantId] : undefined);
  return (
    <Caption1 className={styles.note} data-testid={`${testIdPrefix}-created-by-${user.email}`}>
      {name ? t('users.createdBy', { name }) : t('users.createdByOther')}
    </Caption1>
  );
}
