import { Subtitle2, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { PERMISSIONS } from '../../permissions';
import { useMe, usePermission } from '../../session';
import { CustomerUsersPanel } from '../customers/CustomerUsersPanel';
import { SubscriptionsPanel } from '../customers/SubscriptionsPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  section: { marginTop: '12px' },
});

/** ORD-4: the customer's own subscriptions, and licenses assigned to its users up to each quantity. */
function SubscriptionsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canAssign = usePermission(PERMISSIONS.licensesManage);
  if (!me) return null;
  return (
    <div className={styles.root}>
      <SubscriptionsPanel customerId={me.tenant.id} />
      <Subtitle2 as="h2" className={styles.section}>
        {t('customerSubscriptions.usersTitle')}
      </Subtitle2>
      <CustomerUsersPanel customerId={me.tenant.id} canAssign={canAssign} />
    </div>
  );
}

export default function Subscriptions() {
  const { t } = useTranslation();
  return (
    <div data-testid="customer-subscriptions-page">
      <PageHeader title={t('customerSubscriptions.title')} description={t('customerSubscriptions.description')} />
      <RequirePermission permission={PERMISSIONS.commerceRead}>
        <SubscriptionsContent />
      </RequirePermission>
    </div>
  );
}
