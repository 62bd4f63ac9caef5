// The dialogs that change a subscription, shared by the subscriptions list and the term page. Each one
// says, before it is confirmed, what the change does to the term (TRM-2 … TRM-4): what is charged or
// refunded now and what waits for the renewal; an upgrade (TRM-5) what moves, what is credited and
// charged, and whether the subscription is closed.
import { useEffect, useState, type FormEvent } from 'react';
import { Body1, Button, Dropdown, Field, MessageBar, MessageBarBody, Option, SpinButton, makeStyles } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCancelSubscription, useChangeQuantity, useDropScheduledChanges, useScheduleNextTerm, useUpgradeSubscription } from '../../api/commerce';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { useFormat } from '../../format';
import { useNow } from '../../hooks';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import {
  CYCLES_FOR_TERM,
  currentPeriodEnd,
  cyclesFor,
  nextTermOf,
  quantityEffect,
  scheduledChangesBody,
  subscriptionActions,
  termPagePath,
  termsFor,
  upgradeEffect,
  type NextTerm,
  type SubscriptionActions,
} from '../../subscriptionTerms';
import type { CatalogItem, Subscription, UpgradeOptions } from '@contracts/commerce';

const useStyles = makeStyles({
  effect: { display: 'flex', flexDirection: 'column', gap: '4px' },
  line: { display: 'block' },
  fields: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '12px' },
  // Fields of unequal height (a hint under one) keep their controls at the top.
  topFields: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '12px', alignItems: 'start' },
  control: { minWidth: 0, width: '100%', boxSizing: 'border-box' },
});

const MAX_QUANTITY = 10000;

/** What the signed-in user may do to a subscription now; ticks with the clock (the cancellation window closes). */
export function useSubscriptionActions(): (subscription: Subscription) => SubscriptionActions {
  const { data: me } = useMe();
  const now = useNow();
  const viewer = me ? { tenantId: me.tenant.id, roles: me.user.roles, permissions: me.permissions } : undefined;
  return (subscription) => subscriptionActions(subscription, viewer, now);
}

/** After any change: the customer's list, the subscription and its charge lines are read again. */
function useRefreshSubscriptions(customerId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) });
}

/** TRM-3, TRM-4: what changing the quantity to `quantity` does, in plain words. */
function QuantityEffectText({ subscription, quantity }: { subscription: Subscription; quantity: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const effect = quantityEffect(subscription, quantity);
  if (effect.kind === 'none') return null;
  const periodEnd = format.date(currentPeriodEnd(subscription));
  const n = format.number;
  return (
    <MessageBar intent={effect.kind === 'reduction' && effect.scheduled > 0 ? 'warning' : 'info'} layout="multiline" data-testid="subscription-quantity-effect" data-kind={effect.kind}>
      <MessageBarBody className={styles.effect}>
        {effect.kind === 'increase' ? (
          <span className={styles.line} data-testid="subscription-quantity-effect-now">
            {t('subscriptionTerms.effect.increase', { added: n(effect.added), date: periodEnd })}
          </span>
        ) : (
          <>
            <span className={styles.line} data-testid="subscription-quantity-effect-now">
              {effect.removedNow > 0
                ? t('subscriptionTerms.effect.removedNow', { removed: n(effect.removedNow), date: periodEnd, quantity: n(effect.quantityNow) })
                : t('subscriptionTerms.effect.nothingNow')}
            </span>
            <span className={styles.line} data-testid="subscription-quantity-effect-renewal">
              {effect.scheduled > 0
                ? t('subscriptionTerms.effect.scheduled', { scheduled: n(effect.scheduled), date: format.date(subscription.commitmentEndAt), target: n(effect.target) })
                : t('subscriptionTerms.effect.nothingScheduled')}
            </span>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/** ORD-4, TRM-3, TRM-4: the quantity, with what it does now and at the renewal shown before it is saved. */
export function QuantityDialog({ customerId, subscription, onClose }: { customerId: string; subscription: Subscription | null; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshSubscriptions(customerId);
  const [quantity, setQuantity] = useState(1);
  const [submitted, setSubmitted] = useState(false);
  const update = useChangeQuantity(customerId, () => subscription!.id, {
    onSuccess: async () => {
      await refresh();
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

  const valid = Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY;
  const clientError = submitted && !valid ? t('subscriptions.quantityRange', { max: format.number(MAX_QUANTITY) }) : undefined;
  const error = clientError ?? fieldError(update.error, '/quantity', ['licenses_assigned']);
  const effect = subscription && valid ? quantityEffect(subscription, quantity) : { kind: 'none' as const };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) return;
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
            {effect.kind === 'reduction' ? t('subscriptionTerms.effect.confirmReduction') : effect.kind === 'increase' ? t('subscriptionTerms.effect.confirmIncrease') : t('common.save')}
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
      {subscription && valid ? <QuantityEffectText subscription={subscription} quantity={quantity} /> : null}
    </FormDialog>
  );
}

/** ORD-4, TRM-2: cancelling within the window, with what is refunded now and that nothing waits for a renewal. */
export function CancelSubscriptionDialog({ customerId, subscription, onClose }: { customerId: string; subscription: Subscription | null; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshSubscriptions(customerId);
  const cancel = useCancelSubscription(customerId, {
    onSuccess: async () => {
      onClose();
      await refresh();
    },
  });
  const { reset } = cancel;
  useEffect(() => {
    if (subscription) reset();
  }, [subscription, reset]);
  return (
    <ConfirmDialog
      open={!!subscription}
      title={t('subscriptions.cancelTitle', { name: subscription?.name ?? '' })}
      message={t('subscriptions.cancelMessage')}
      details={
        subscription ? (
          <MessageBar intent="info" layout="multiline" data-testid="subscription-cancel-effect">
            <MessageBarBody className={styles.effect}>
              <span className={styles.line} data-testid="subscription-cancel-effect-now">
                {t('subscriptionTerms.effect.cancelRefund', { quantity: format.number(subscription.quantity), date: format.date(currentPeriodEnd(subscription)) })}
              </span>
              <span className={styles.line} data-testid="subscription-cancel-effect-renewal">
                {subscription.scheduledChanges ? t('subscriptionTerms.effect.cancelDropsScheduled') : t('subscriptionTerms.effect.cancelNoRenewal')}
              </span>
              <span className={styles.line}>{t('subscriptionTerms.effect.cancelWindow', { date: format.dateTime(subscription.cancellableUntil) })}</span>
            </MessageBarBody>
          </MessageBar>
        ) : null
      }
      confirmLabel={t('subscriptions.cancel')}
      onConfirm={() => subscription && cancel.mutate(subscription)}
      onCancel={onClose}
      pending={cancel.isPending}
      error={cancel.error}
      testId="subscription-cancel-dialog"
    />
  );
}

/** The SKUs a next term may take: the product's SKUs in the catalog, else the subscription's own (the server checks). */
function skuChoices(subscription: Subscription, productSkus: readonly CatalogItem[]): Pick<CatalogItem, 'skuId' | 'skuName' | 'termDurations' | 'billingCycles'>[] {
  if (productSkus.length > 0) return [...productSkus];
  return [{ skuId: subscription.skuId, skuName: subscription.skuId, termDurations: Object.keys(CYCLES_FOR_TERM), billingCycles: ['monthly', 'annual'] }];
}

/**
 * TRM-1: the next term (quantity, term, billing cycle, SKU of the same product) for the renewal to apply.
 * The form starts from the next term as scheduled; what is sent is what differs from the current term
 * or was scheduled already.
 */
export function NextTermDialog({
  customerId,
  subscription,
  productSkus,
  onClose,
}: {
  customerId: string;
  subscription: Subscription | null;
  /** The catalog items of the subscription's product (one per SKU). */
  productSkus: readonly CatalogItem[];
  onClose(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const refresh = useRefreshSubscriptions(customerId);
  const [next, setNext] = useState<NextTerm>({ quantity: 1, termDuration: '', billingCycle: '', skuId: '' });
  const [submitted, setSubmitted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const schedule = useScheduleNextTerm(customerId, subscription?.id ?? '', {
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const { reset } = schedule;
  useEffect(() => {
    if (subscription) {
      setNext(nextTermOf(subscription));
      setSubmitted(false);
      setUnchanged(false);
      reset();
    }
  }, [subscription, reset]);
  if (!subscription) return null;

  const skus = skuChoices(subscription, productSkus);
  const sku = skus.find((item) => item.skuId === next.skuId);
  const terms = termsFor(sku);
  const cycles = cyclesFor(sku, next.termDuration);
  /** A term and cycle the SKU offers: the ones chosen when it does, else its first. */
  const paired = (item: typeof sku, term: string, cycle: string) => {
    const termDuration = termsFor(item).includes(term) ? term : (termsFor(item)[0] ?? term);
    const billingCycle = cyclesFor(item, termDuration).includes(cycle) ? cycle : (cyclesFor(item, termDuration)[0] ?? cycle);
    return { termDuration, billingCycle };
  };
  const change = (patch: Partial<NextTerm>) => {
    setUnchanged(false);
    setNext((current) => ({ ...current, ...patch }));
  };

  const quantityValid = Number.isInteger(next.quantity) && next.quantity >= 1 && next.quantity <= MAX_QUANTITY;
  const quantityError = (submitted && !quantityValid ? t('subscriptions.quantityRange', { max: format.number(MAX_QUANTITY) }) : undefined) ?? fieldError(schedule.error, '/quantity');
  const fieldProps = (message: string | undefined) => ({ validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!quantityValid) return;
    const body = scheduledChangesBody(subscription, next);
    if (Object.keys(body).length === 0) {
      setUnchanged(true);
      return;
    }
    schedule.mutate(body);
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('subscriptionTerms.nextTerm.dialogTitle', { name: subscription.name })}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={schedule.isPending} data-testid="subscription-next-term-save">
            {t('subscriptionTerms.nextTerm.save')}
          </Button>
        </>
      }
      testId="subscription-next-term-dialog"
    >
      <Body1 as="p">{t('subscriptionTerms.nextTerm.dialogIntro', { date: format.date(subscription.commitmentEndAt) })}</Body1>
      <ErrorBar error={schedule.error} fieldPaths={['/quantity', '/termDuration', '/billingCycle', '/skuId']} testId="subscription-next-term-error" />
      {unchanged ? (
        <MessageBar intent="warning" data-testid="subscription-next-term-unchanged">
          <MessageBarBody>{t('subscriptionTerms.nextTerm.unchanged')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.fields}>
        <Field label={t('subscriptionTerms.nextTerm.sku')} {...fieldProps(fieldError(schedule.error, '/skuId'))}>
          <Dropdown
            className={styles.control}
            value={sku?.skuName ?? next.skuId}
            selectedOptions={[next.skuId]}
            onOptionSelect={(_event, data) => {
              const item = skus.find((entry) => entry.skuId === data.optionValue);
              if (item) change({ skuId: item.skuId, ...paired(item, next.termDuration, next.billingCycle) });
            }}
            data-testid="subscription-next-term-sku"
          >
            {skus.map((item) => (
              <Option key={item.skuId} value={item.skuId} text={item.skuName} data-testid={`subscription-next-term-sku-${item.skuId}`}>
                {item.skuName}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('subscriptions.quantity')} {...fieldProps(quantityError)}>
          <SpinButton
            className={styles.control}
            value={next.quantity}
            min={1}
            max={MAX_QUANTITY}
            onChange={(_event, data) => {
              const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
              if (typeof value === 'number' && !Number.isNaN(value)) change({ quantity: value });
            }}
            data-testid="subscription-next-term-quantity"
          />
        </Field>
        <Field label={t('checkout.term')} {...fieldProps(fieldError(schedule.error, '/termDuration'))}>
          <Dropdown
            className={styles.control}
            value={labels.termDuration(next.termDuration)}
            selectedOptions={[next.termDuration]}
            onOptionSelect={(_event, data) => change(paired(sku, data.optionValue ?? next.termDuration, next.billingCycle))}
            data-testid="subscription-next-term-term"
          >
            {terms.map((term) => (
              <Option key={term} value={term} data-testid={`subscription-next-term-term-${term}`}>
                {labels.termDuration(term)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label={t('checkout.cycle')}
          hint={next.termDuration === 'P1M' ? t('checkout.cycleOneMonth') : undefined}
          {...fieldProps(fieldError(schedule.error, '/billingCycle'))}
        >
          <Dropdown
            className={styles.control}
            value={labels.billingCycle(next.billingCycle)}
            selectedOptions={[next.billingCycle]}
            onOptionSelect={(_event, data) => change({ billingCycle: data.optionValue ?? next.billingCycle })}
            data-testid="subscription-next-term-cycle"
          >
            {cycles.map((cycle) => (
              <Option key={cycle} value={cycle} data-testid={`subscription-next-term-cycle-${cycle}`}>
                {labels.billingCycle(cycle)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
    </FormDialog>
  );
}

/** TRM-1: dropping every scheduled change; the renewal then keeps the current term. */
export function DropScheduledChangesDialog({ customerId, subscription, onClose }: { customerId: string; subscription: Subscription | null; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const refresh = useRefreshSubscriptions(customerId);
  const drop = useDropScheduledChanges(customerId, subscription?.id ?? '', {
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const { reset } = drop;
  useEffect(() => {
    if (subscription) reset();
  }, [subscription, reset]);
  return (
    <ConfirmDialog
      open={!!subscription}
      title={t('subscriptionTerms.nextTerm.dropTitle')}
      message={
        subscription
          ? t('subscriptionTerms.nextTerm.dropMessage', {
              date: format.date(subscription.commitmentEndAt),
              quantity: format.number(subscription.quantity),
              term: labels.termDuration(subscription.termDuration),
              cycle: labels.billingCycle(subscription.billingCycle),
            })
          : ''
      }
      confirmLabel={t('subscriptionTerms.nextTerm.drop')}
      onConfirm={() => drop.mutate()}
      onCancel={onClose}
      pending={drop.isPending}
      error={drop.error}
      testId="subscription-drop-changes-dialog"
    />
  );
}

export type UpgradeOption = UpgradeOptions['items'][number];

/** TRM-5: what moving `quantity` seats to `target` does, in plain words. */
function UpgradeEffectText({ subscription, target, quantity }: { subscription: Subscription; target: string; quantity: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const effect = upgradeEffect(subscription, quantity);
  const n = format.number;
  const periodEnd = format.date(currentPeriodEnd(subscription));
  const assigned = subscription.assignedLicenses;
  const licenses =
    assigned === 0
      ? t('subscriptionTerms.upgrade.licensesNone')
      : effect.licensesMoved === assigned
        ? t('subscriptionTerms.upgrade.licensesAll', { assigned: n(assigned) })
        : t('subscriptionTerms.upgrade.licensesSome', { licenses: n(effect.licensesMoved), assigned: n(assigned) });
  return (
    <MessageBar intent={effect.closes ? 'warning' : 'info'} layout="multiline" data-testid="subscription-upgrade-effect" data-closes={effect.closes}>
      <MessageBarBody className={styles.effect}>
        <span className={styles.line} data-testid="subscription-upgrade-effect-move">
          {t('subscriptionTerms.upgrade.effectMove', { moved: n(effect.moved), target, end: format.date(subscription.commitmentEndAt) })}
        </span>
        <span className={styles.line} data-testid="subscription-upgrade-effect-credit">
          {t('subscriptionTerms.upgrade.effectCredit', { from: subscription.name, date: periodEnd })}
        </span>
        <span className={styles.line} data-testid="subscription-upgrade-effect-charge">
          {t('subscriptionTerms.upgrade.effectCharge', { target, date: periodEnd })}
        </span>
        <span className={styles.line} data-testid="subscription-upgrade-effect-licenses">
          {licenses}
        </span>
        <span className={styles.line} data-testid="subscription-upgrade-effect-rest">
          {effect.closes ? t('subscriptionTerms.upgrade.effectCloses') : t('subscriptionTerms.upgrade.effectRemains', { remaining: n(effect.remaining), from: subscription.name })}
        </span>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * TRM-5: all or part of the seats move to a higher SKU along the operator's paths, for the rest of the
 * term. What the move does is shown before it is confirmed; afterwards the new subscription's page opens.
 */
export function UpgradeDialog({
  customerId,
  subscription,
  options,
  onClose,
}: {
  customerId: string;
  subscription: Subscription | null;
  /** The SKUs the subscription may upgrade to (GET …/upgrade-options). */
  options: readonly UpgradeOption[];
  onClose(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [targetSkuId, setTargetSkuId] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [submitted, setSubmitted] = useState(false);
  const upgrade = useUpgradeSubscription(customerId, subscription?.id ?? '', {
    onSuccess: async ({ from, to }) => {
      // The new subscription's page opens at once with what the answer says; the lists, both
      // subscriptions and their charge lines, and the users' licences (which moved) are read again.
      queryClient.setQueryData(keys.subscription(customerId, to.id), to);
      queryClient.setQueryData(keys.subscription(customerId, from.id), from);
      onClose();
      void navigate(termPagePath(customerId, to.id, me?.tenant.id));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }),
        queryClient.invalidateQueries({ queryKey: keys.licensesOf(customerId) }),
      ]);
    },
  });
  const { reset } = upgrade;
  const firstOption = options[0]?.skuId ?? '';
  useEffect(() => {
    if (subscription) {
      setTargetSkuId(firstOption);
      setQuantity(subscription.quantity);
      setSubmitted(false);
      reset();
    }
  }, [subscription, firstOption, reset]);
  if (!subscription) return null;

  const target = options.find((option) => option.skuId === targetSkuId);
  const quantityValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= subscription.quantity;
  const skuError = (submitted && !target ? t('subscriptionTerms.upgrade.chooseSku') : undefined) ?? fieldError(upgrade.error, '/targetSkuId');
  const quantityError =
    (submitted && !quantityValid ? t('subscriptionTerms.upgrade.quantityRange', { max: format.number(subscription.quantity) }) : undefined) ?? fieldError(upgrade.error, '/quantity');
  const fieldProps = (message: string | undefined) => ({ validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!target || !quantityValid) return;
    // The seats confirmed are sent (not "all"): a change of seats meanwhile is refused, not followed.
    upgrade.mutate({ targetSkuId: target.skuId, quantity });
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('subscriptionTerms.upgrade.dialogTitle', { name: subscription.name })}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={upgrade.isPending} data-testid="subscription-upgrade-confirm">
            {t('subscriptionTerms.upgrade.confirm')}
          </Button>
        </>
      }
      testId="subscription-upgrade-dialog"
    >
      <ErrorBar error={upgrade.error} fieldPaths={['/targetSkuId', '/quantity']} testId="subscription-upgrade-error" />
      <div className={styles.topFields}>
        <Field label={t('subscriptionTerms.upgrade.target')} required {...fieldProps(skuError)}>
          <Dropdown
            className={styles.control}
            value={target?.name ?? ''}
            selectedOptions={target ? [target.skuId] : []}
            onOptionSelect={(_event, data) => {
              if (data.optionValue) setTargetSkuId(data.optionValue);
            }}
            data-testid="subscription-upgrade-sku"
          >
            {options.map((option) => (
              <Option key={option.skuId} value={option.skuId} text={option.name} data-testid={`subscription-upgrade-sku-${option.skuId}`}>
                {option.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label={t('subscriptionTerms.upgrade.quantity')}
          required
          hint={t('subscriptionTerms.upgrade.quantityHint', { quantity: format.number(subscription.quantity) })}
          {...fieldProps(quantityError)}
        >
          <SpinButton
            className={styles.control}
            value={quantity}
            min={1}
            max={subscription.quantity}
            onChange={(_event, data) => {
              const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
              if (typeof value === 'number' && !Number.isNaN(value)) setQuantity(value);
            }}
            data-testid="subscription-upgrade-quantity"
          />
        </Field>
      </div>
      {target && quantityValid ? <UpgradeEffectText subscription={subscription} target={target.name} quantity={quantity} /> : null}
    </FormDialog>
  );
}
