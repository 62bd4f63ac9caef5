import type { ReactNode } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { canSeePartnerArea, hasPermission } from '../permissions';
import { useMe } from '../session';

/** The message shown in place of a page the signed-in user may not see. */
function NoAccess() {
  const { t } = useTranslation();
  return (
    <MessageBar intent="warning" data-testid="no-access">
      <MessageBarBody>
        <MessageBarTitle>{t('errors.noAccessTitle')}</MessageBarTitle>
        {t('errors.noAccess')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Shows its children only when the signed-in user holds `permission`. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: me } = useMe();
  if (!hasPermission(me?.permissions, permission)) return <NoAccess />;
  return <>{children}</>;
}

/**
 * Partner pages (enrollment, legal info, locations, agreements): the permission, in a partner's
 * tenant — the operator's own tenant and customers' tenants do not enroll.
 */
export function RequirePartnerPermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: me } = useMe();
  if (!canSeePartnerArea(me) || !hasPermission(me?.permissions, permission)) return <NoAccess />;
  return <>{children}</>;
}
