import type { ReactNode } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../permissions';
import { useMe } from '../session';

/** Shows its children only when the signed-in user holds `permission`. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!hasPermission(me?.permissions, permission)) {
    return (
      <MessageBar intent="warning" data-testid="no-access">
        <MessageBarBody>
          <MessageBarTitle>{t('errors.noAccessTitle')}</MessageBarTitle>
          {t('errors.noAccess')}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <>{children}</>;
}
