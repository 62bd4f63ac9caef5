import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../api/keys';
import { useAddAdminAgent } from '../api/identity';
import { PERMISSIONS, hasPermission } from '../permissions';
import { ME_QUERY_KEY } from '../queryClient';
import { useMe, useStoreMeUser } from '../session';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '16px 32px 0' },
});

export const ADMIN_AGENT_ROLE_MISSING = 'admin_agent_role_missing';

/**
 * The warnings GET /v1/me reports for the signed-in user, above every page. ENR-11: a user who
 * enrolled the organization without the admin agent role is told so, and a global admin can add the
 * role in one click.
 */
export function AccountWarnings() {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const storeUser = useStoreMeUser();
  const { data: me } = useMe();

  const addAdminAgent = useAddAdminAgent({
    onSuccess: async (user) => {
      storeUser(user);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: keys.users.all }),
      ]);
    },
  });

  const warnings = me?.warnings ?? [];
  if (!me || warnings.length === 0) return null;
  const canFix = me.user.roles.includes('globalAdmin') && hasPermission(me.permissions, PERMISSIONS.usersManage);

  return (
    <div className={styles.root}>
      {warnings.map((warning) => {
        const isAdminAgent = warning.code === ADMIN_AGENT_ROLE_MISSING;
        return (
          <MessageBar
            key={warning.code}
            intent="warning"
            layout="multiline"
            data-testid={isAdminAgent ? 'admin-agent-warning' : `account-warning-${warning.code}`}
          >
            <MessageBarBody>
              {isAdminAgent ? <MessageBarTitle>{t('accountWarnings.adminAgentTitle')}</MessageBarTitle> : null}
              {warning.message}
            </MessageBarBody>
            {isAdminAgent && canFix ? (
              <MessageBarActions>
                <Button
                  appearance="primary"
                  size="small"
                  disabled={addAdminAgent.isPending}
                  onClick={() => addAdminAgent.mutate(me.user)}
                  data-testid="admin-agent-fix"
                >
                  {addAdminAgent.isPending ? t('accountWarnings.addingAdminAgent') : t('accountWarnings.addAdminAgent')}
                </Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
        );
      })}
      {addAdminAgent.error ? <ErrorBar error={addAdminAgent.error} testId="admin-agent-fix-error" /> : null}
    </div>
  );
}
