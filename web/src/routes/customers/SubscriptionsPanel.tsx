import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  SpinButton,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissCircleRegular, NumberSymbolRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCancelSubscription, useChangeQuantity, useSetSubscriptionStatus } from '../../api/commerce';
import { useSubscriptions } from '../../api/channel';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { SubscriptionStatusBadge } from '../../components/ChannelBadges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { LinePricesCell } from '../../components/Prices';
import { useFormat } from '../../format';
import { PERMISSIONS, hasPermission } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import type { Subscription } from '@contracts/commerce';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  tableWrap: { overflowX: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  empty: { padding: '16px', color: tokens.colorNeutralForeground3 },
});

const MAX_QUANTITY = 10000;

function QuantityDialog({ customerId, subscription, onClose }: { customerId: string; subscription: Subscription | null; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState(1);
  const [submitted, setSubmitted] = useState(false);
  const update = useChangeQuantity(customerId, () => subscription!.id, {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) });
      onClose();
    },
  });
  const { reset } = update;
  useEffect(() => {
    if (subscription) {
      setQuantity(subscription.quantity);
      setSubmitted(false);
      reset();
    }
  }, [subscription, reset]);

  const clientError =
    submitted && (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) ? t('subscriptions.quantityRange', { max: format.number(MAX_QUANTITY) }) : undefined;
  const error = clientError ?? fieldError(update.error, '/quantity', ['licenses_assigned']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return;
    update.mutate(quantity);
  };

  return (
    <FormDialog
      open={!!subscription}
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('subscriptions.quantityTitle', { name: subscription?.name ?? '' })}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={update.isPending} data-testid="subscription-quantity-save">
            {t('common.save')}
          </Button>
        </>
      }
      testId="subscription-quantity-dialog"
    >
      <ErrorBar error={update.error} fieldPaths={['/quantity']} fieldCodes={['licenses_assigned']} testId="subscription-quantity-error" />
      <Field
        label={t('subscriptions.quantity')}
        hint={subscription ? t('subscriptions.assignedHint', { assigned: format.number(subscription.assignedLicenses) }) : undefined}
        validationMessage={error}
        validationState={error ? 'error' : 'none'}
      >
        <SpinButton
          value={quantity}
          min={1}
          max={MAX_QUANTITY}
          onChange={(_event, data) => {
            const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
            if (typeof value === 'number' && !Number.isNaN(value)) setQuantity(value);
          }}
          data-testid="subscription-quantity-input"
        />
      </Field>
    </FormDialog>
  );
}

/**
 * ORD-4: a customer's subscriptions. The provider changes the quantity, suspends, reactivates and
 * cancels; the reseller of record's admin agents change the quantity; everyone else reads.
 */
export function SubscriptionsPanel({ customerId }: { customerId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const subscriptions = useSubscriptions(customerId);
  const canManage = hasPermission(me?.permissions, PERMISSIONS.commerceManage);
  const isAdminAgent = !!me?.user.roles.includes('adminAgent');
  const [changing, setChanging] = useState<Subscription | null>(null);
  const [cancelling, setCancelling] = useState<Subscription | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) });
  const setStatus = useSetSubscriptionStatus(customerId, {
    onSuccess: refresh,
  });
  const cancel = useCancelSubscription(customerId, {
    onSuccess: async () => {
      setCancelling(null);
      await refresh();
    },
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

  const actionsOf = (subscription: Subscription) => {
    const isProvider = subscription.providerTenantId === me?.tenant.id;
    const isResellerOfRecord = subscription.resellerTenantId === me?.tenant.id;
    return {
      quantity: canManage && subscription.status !== 'cancelled' && (isProvider || (isResellerOfRecord && isAdminAgent)),
      status: canManage && isProvider && subscription.status !== 'cancelled',
    };
  };
  // The actions column only when some subscription offers one to this user.
  const showActions = items.some((subscription) => {
    const actions = actionsOf(subscription);
    return actions.quantity || actions.status;
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
                  <Text weight="semibold" data-testid="subscription-name">
                    {subscription.name}
                  </Text>
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
                          {canChangeStatus ? (
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<DismissCircleRegular />}
                              onClick={() => {
                                cancel.reset();
                                setCancelling(subscription);
                              }}
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
      <ConfirmDialog
        open={!!cancelling}
        title={t('subscriptions.cancelTitle', { name: cancelling?.name ?? '' })}
        message={t('subscriptions.cancelMessage')}
        confirmLabel={t('subscriptions.cancel')}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onCancel={() => setCancelling(null)}
        pending={cancel.isPending}
        error={cancel.error}
        testId="subscription-cancel-dialog"
      />
    </div>
  );
}
