import { useState } from 'react';
import { Button, Caption1, TableCellLayout, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DismissCircleRegular, NumberSymbolRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSetSubscriptionStatus } from '../../api/commerce';
import { useSubscriptions } from '../../api/channel';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { SubscriptionStatusBadge } from '../../components/ChannelBadges';
import { AppLink } from '../../components/AppLink';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { LinePricesCell } from '../../components/Prices';
import { useFormat } from '../../format';
import { useMe } from '../../session';
import { termPagePath } from '../../subscriptionTerms';
import { CancelSubscriptionDialog, QuantityDialog, useSubscriptionActions } from './SubscriptionDialogs';
import type { Subscription } from '@contracts/commerce';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  tableWrap: { overflowX: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
});

/**
 * ORD-4: a customer's subscriptions, each opening its term page (TRM-1 … TRM-6). The provider changes
 * the quantity, suspends, reactivates and cancels (within the cancellation window); the reseller of
 * record's admin agents change the quantity; everyone else reads.
 */
export function SubscriptionsPanel({ customerId }: { customerId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const subscriptions = useSubscriptions(customerId);
  const actionsOf = useSubscriptionActions();
  const [changing, setChanging] = useState<Subscription | null>(null);
  const [cancelling, setCancelling] = useState<Subscription | null>(null);

  const setStatus = useSetSubscriptionStatus(customerId, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }),
  });

  if (subscriptions.error) return <ErrorBar error={subscriptions.error} testId={`subscriptions-error-${customerId}`} />;
  if (subscriptions.isPending) return <Loading />;
  const items = subscriptions.data.items;
  if (items.length === 0) {
    return (
      <div className={styles.empty} data-testid={`subscriptions-empty-${customerId}`}>
        {t('subscriptions.empty')}
      </div>
    );
  }

  // The actions column only when some subscription offers one to this user.
  const showActions = items.some((subscription) => {
    const actions = actionsOf(subscription);
    return actions.quantity || actions.status || actions.cancel;
  });

  return (
    <div className={styles.root}>
      {setStatus.error ? <ErrorBar error={setStatus.error} testId="subscription-status-error" /> : null}
      <div className={styles.tableWrap}>
        <DataTable<Subscription>
          size="small"
          aria-label={t('subscriptions.title')}
          testId={`subscriptions-table-${customerId}`}
          rows={items}
          rowId={(subscription) => subscription.id}
          rowProps={(subscription) => ({ 'data-testid': `subscription-row-${subscription.id}` })}
          columns={[
            {
              id: 'offer',
              header: t('subscriptions.columnOffer'),
              cell: (subscription) => (
                <TableCellLayout>
                  <AppLink to={termPagePath(customerId, subscription.id, me?.tenant.id)} data-testid={`subscription-open-${subscription.id}`}>
                    <Text weight="semibold" data-testid="subscription-name">
                      {subscription.name}
                    </Text>
                  </AppLink>
                  <Caption1 className={styles.secondary}>
                    {t('subscriptions.partnerIdOnRecord', { partnerId: subscription.partnerIdOnRecord, date: format.date(subscription.createdAt) })}
                  </Caption1>
                </TableCellLayout>
              ),
            },
            {
              id: 'licenses',
              header: t('subscriptions.columnLicenses'),
              cellTestId: 'subscription-licenses',
              cell: (subscription) => t('subscriptions.licenses', { assigned: format.number(subscription.assignedLicenses), quantity: format.number(subscription.quantity) }),
            },
            {
              id: 'term',
              header: t('subscriptions.columnTerm'),
              cell: (subscription) => (
                <>
                  {labels.termDuration(subscription.termDuration)}
                  <Caption1 className={styles.secondary}>{labels.billingCycle(subscription.billingCycle)}</Caption1>
                  <Caption1 className={styles.secondary} data-testid="subscription-term-end">
                    {subscription.endedAt
                      ? t('subscriptionTerms.list.ended', { date: format.date(subscription.endedAt) })
                      : t('subscriptionTerms.list.termEnds', { date: format.date(subscription.commitmentEndAt) })}
                  </Caption1>
                </>
              ),
            },
            // PRC-3, PRC-4: the prices frozen at checkout, as the caller's tier sees them.
            { id: 'price', header: t('subscriptions.columnPrice'), cell: (subscription) => <LinePricesCell prices={subscription.prices} currency={subscription.currency} testId="subscription-prices" /> },
            { id: 'status', header: t('subscriptions.columnStatus'), cell: (subscription) => <SubscriptionStatusBadge status={subscription.status} testId="subscription-status" /> },
            ...(showActions
              ? [
                  {
                    id: 'actions',
                    header: t('subscriptions.columnActions'),
                    cell: (subscription: Subscription) => {
                      const actions = actionsOf(subscription);
                      const canChangeQuantity = actions.quantity;
                      const canChangeStatus = actions.status;
                      const canCancel = actions.cancel;
                      return (
                        <div className={styles.actions}>
                          {canChangeQuantity ? (
                            <Button size="small" appearance="subtle" icon={<NumberSymbolRegular />} onClick={() => setChanging(subscription)} data-testid={`subscription-quantity-${subscription.id}`}>
                              {t('subscriptions.changeQuantity')}
                            </Button>
                          ) : null}
                          {canChangeStatus && subscription.status === 'active' ? (
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<PauseRegular />}
                              disabled={setStatus.isPending}
                              onClick={() => setStatus.mutate({ subscription, status: 'suspended' })}
                              data-testid={`subscription-suspend-${subscription.id}`}
                            >
                              {t('subscriptions.suspend')}
                            </Button>
                          ) : null}
                          {canChangeStatus && subscription.status === 'suspended' ? (
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<PlayRegular />}
                              disabled={setStatus.isPending}
                              onClick={() => setStatus.mutate({ subscription, status: 'active' })}
                              data-testid={`subscription-reactivate-${subscription.id}`}
                            >
                              {t('subscriptions.reactivate')}
                            </Button>
                          ) : null}
                          {canCancel ? (
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<DismissCircleRegular />}
                              onClick={() => setCancelling(subscription)}
                              data-testid={`subscription-cancel-${subscription.id}`}
                            >
                              {t('subscriptions.cancel')}
                            </Button>
                          ) : null}
                        </div>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      </div>
      <QuantityDialog customerId={customerId} subscription={changing} onClose={() => setChanging(null)} />
      <CancelSubscriptionDialog customerId={customerId} subscription={cancelling} onClose={() => setCancelling(null)} />
    </div>
  );
}
