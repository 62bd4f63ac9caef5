// A subscription's term page (TRM-1 … TRM-6): the term and its billing, the cancellation window and
// each seat window with the days left, the seats a reduction would refund now, the changes scheduled
// for the renewal (edited and dropped here by the provider and the reseller of record's admin agents),
// the SKUs it may be upgraded to (TRM-5, by the same people), and the charge lines with the caller's
// amounts. Partners open it under their customer (/customers/:id/subscriptions/:subscriptionId), a
// customer under its own subscriptions.
import { useState, type ReactNode } from 'react';
import { Body1, Button, Caption1, Card, CardHeader, MessageBar, MessageBarBody, Subtitle2, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowCircleUpRegular, ArrowLeftRegular, CalendarEditRegular, DeleteRegular, DismissCircleRegular, NumberSymbolRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCatalog, useSetAutoRenew, useSetSubscriptionStatus, useSubscription, useUpgradeOptions } from '../../api/commerce';
import { useCustomer } from '../../api/customers';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { SubscriptionStatusBadge } from '../../components/ChannelBadges';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { LinePricesCell } from '../../components/Prices';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { useNow } from '../../hooks';
import { PERMISSIONS } from '../../permissions';
import { useMe } from '../../session';
import { daysLeft, isCancellable, isEnded } from '../../subscriptionTerms';
import { ChargeLinesPanel } from './ChargeLinesPanel';
import { CancelSubscriptionDialog, DropScheduledChangesDialog, NextTermDialog, QuantityDialog, UpgradeDialog, useSubscriptionActions, type UpgradeOption } from './SubscriptionDialogs';
import type { CatalogItem, Subscription } from '@contracts/commerce';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1100px' },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: '16px', alignItems: 'start' },
  card: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '16px' },
  details: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '8px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  value: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  tableWrap: { overflowX: 'auto' },
  options: { margin: 0, paddingInlineStart: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

/** One labelled value of a card. */
function Detail({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={styles.label}>{label}</Caption1>
      <div className={styles.value} data-testid={testId}>
        {children}
      </div>
    </>
  );
}

/** TRM-1, TRM-2, TRM-6: the term, its billing, auto-renew and the cancellation window. */
function TermCard({ customerId, subscription, canSetAutoRenew, now }: { customerId: string; subscription: Subscription; canSetAutoRenew: boolean; now: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const autoRenew = useSetAutoRenew(customerId, { onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }) });
  const ended = isEnded(subscription);
  const nextCharge = ended
    ? t('subscriptionTerms.term.nextChargeEnded')
    : subscription.nextChargeAt
      ? format.date(subscription.nextChargeAt)
      : t('subscriptionTerms.term.nextChargeNone', { date: format.date(subscription.commitmentEndAt) });
  return (
    <Card className={styles.card} data-testid="subscription-term">
      <CardHeader header={<Subtitle2 as="h2">{t('subscriptionTerms.term.title')}</Subtitle2>} />
      <ErrorBar error={autoRenew.error} testId="subscription-auto-renew-error" />
      <div className={styles.details}>
        <Detail label={t('subscriptions.columnStatus')} testId="subscription-term-status">
          <SubscriptionStatusBadge status={subscription.status} testId="subscription-status" />
        </Detail>
        <Detail label={t('subscriptionTerms.term.duration')} testId="subscription-term-duration">
          {labels.termDuration(subscription.termDuration)}
        </Detail>
        <Detail label={t('subscriptionTerms.term.billingCycle')} testId="subscription-term-cycle">
          {labels.billingCycle(subscription.billingCycle)}
        </Detail>
        <Detail label={t('subscriptionTerms.term.start')} testId="subscription-term-start">
          {format.date(subscription.termStartAt)}
        </Detail>
        <Detail label={t('subscriptionTerms.term.commitmentEnd')} testId="subscription-term-end">
          {format.date(subscription.commitmentEndAt)}
        </Detail>
        {subscription.endedAt ? (
          <Detail label={subscription.status === 'expired' ? t('subscriptionTerms.term.expiredOn') : t('subscriptionTerms.term.cancelledOn')} testId="subscription-term-ended">
            {format.date(subscription.endedAt)}
          </Detail>
        ) : null}
        <Detail label={t('subscriptionTerms.term.nextCharge')} testId="subscription-next-charge">
          {nextCharge}
        </Detail>
        <Detail label={t('subscriptions.columnPrice')} testId="subscription-term-price">
          <LinePricesCell prices={subscription.prices} currency={subscription.currency} testId="subscription-prices" />
        </Detail>
        <Detail label={t('subscriptionTerms.term.autoRenew')} testId="subscription-auto-renew">
          {canSetAutoRenew ? (
            <Switch
              checked={subscription.autoRenewEnabled}
              disabled={autoRenew.isPending}
              label={subscription.autoRenewEnabled ? t('subscriptionTerms.term.autoRenewOn') : t('subscriptionTerms.term.autoRenewOff')}
              onChange={(_event, data) => autoRenew.mutate({ subscription, autoRenewEnabled: data.checked })}
              data-testid="subscription-auto-renew-switch"
            />
          ) : subscription.autoRenewEnabled ? (
            t('subscriptionTerms.term.autoRenewOn')
          ) : (
            t('subscriptionTerms.term.autoRenewOff')
          )}
        </Detail>
        {ended ? null : (
          <Detail label={t('subscriptionTerms.term.cancellation')} testId="subscription-cancellation">
            {isCancellable(subscription, now) ? (
              <span data-state="open" data-days-left={daysLeft(subscription.cancellableUntil, now)}>
                {t('subscriptionTerms.term.cancellableUntil', { date: format.dateTime(subscription.cancellableUntil), days: format.number(daysLeft(subscription.cancellableUntil, now)) })}
              </span>
            ) : (
              <span data-state="closed">
                {t('subscriptionTerms.term.cancellationClosed', { date: format.dateTime(subscription.cancellableUntil), end: format.date(subscription.commitmentEndAt) })}
              </span>
            )}
          </Detail>
        )}
      </div>
    </Card>
  );
}

/** TRM-3: the seats, those a reduction would refund now, and each seat window with its days left. */
function SeatsCard({ subscription, now }: { subscription: Subscription; now: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const ended = isEnded(subscription);
  return (
    <Card className={styles.card} data-testid="subscription-seats">
      <CardHeader header={<Subtitle2 as="h2">{t('subscriptionTerms.seats.title')}</Subtitle2>} />
      <div className={styles.details}>
        <Detail label={t('subscriptions.columnLicenses')} testId="subscription-seats-quantity">
          {t('subscriptions.licenses', { assigned: format.number(subscription.assignedLicenses), quantity: format.number(subscription.quantity) })}
        </Detail>
        {ended ? null : (
          <Detail label={t('subscriptionTerms.seats.refundable')} testId="subscription-refundable">
            {format.number(subscription.refundableQuantity)}
          </Detail>
        )}
      </div>
      {ended ? null : subscription.refundableQuantities.length === 0 ? (
        <Caption1 className={styles.muted} data-testid="subscription-seat-windows-empty">
          {t('subscriptionTerms.seats.noWindow', { date: format.date(subscription.commitmentEndAt) })}
        </Caption1>
      ) : (
        <>
          <Caption1 className={styles.muted}>{t('subscriptionTerms.seats.hint', { date: format.date(subscription.commitmentEndAt) })}</Caption1>
          <div className={styles.tableWrap}>
            <DataTable<Subscription['refundableQuantities'][number]>
              size="small"
              aria-label={t('subscriptionTerms.seats.windowsLabel')}
              testId="subscription-seat-windows"
              rows={subscription.refundableQuantities}
              rowId={(_window, index) => String(index)}
              rowProps={(_window, index) => ({ 'data-testid': `seat-window-${index}` })}
              columns={[
                { id: 'quantity', header: t('subscriptionTerms.seats.columnQuantity'), cellTestId: 'seat-window-quantity', cell: (window) => format.number(window.quantity) },
                { id: 'closes', header: t('subscriptionTerms.seats.columnCloses'), cellTestId: 'seat-window-closes', cell: (window) => format.dateTime(window.windowClosesAt) },
                { id: 'days', header: t('subscriptionTerms.seats.columnDaysLeft'), cellTestId: 'seat-window-days', cell: (window) => format.number(daysLeft(window.windowClosesAt, now)) },
              ]}
            />
          </div>
        </>
      )}
    </Card>
  );
}

/** TRM-1: what the renewal will apply; edited and dropped by those who change the seats. */
function NextTermCard({
  subscription,
  skuName,
  canSchedule,
  onEdit,
  onDrop,
}: {
  subscription: Subscription;
  skuName(skuId: string): string;
  canSchedule: boolean;
  onEdit(): void;
  onDrop(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const scheduled = subscription.scheduledChanges;
  const renewal = format.date(subscription.commitmentEndAt);
  const change = (from: string, to: string) => t('subscriptionTerms.nextTerm.change', { from, to });

  let body: ReactNode;
  if (isEnded(subscription)) {
    body = (
      <Body1 as="p" data-testid="subscription-next-term-ended">
        {subscription.status === 'expired' ? t('subscriptionTerms.nextTerm.expired', { date: format.date(subscription.endedAt) }) : t('subscriptionTerms.nextTerm.cancelled')}
      </Body1>
    );
  } else {
    body = (
      <>
        {subscription.autoRenewEnabled ? null : (
          <MessageBar intent="warning" data-testid="subscription-next-term-expires">
            <MessageBarBody>{t('subscriptionTerms.nextTerm.autoRenewOff', { date: renewal })}</MessageBarBody>
          </MessageBar>
        )}
        {scheduled ? (
          <>
            <Body1 as="p">{t('subscriptionTerms.nextTerm.scheduledIntro', { date: renewal })}</Body1>
            <div className={styles.details} data-testid="subscription-scheduled-changes">
              {scheduled.skuId !== null ? (
                <Detail label={t('subscriptionTerms.nextTerm.sku')} testId="subscription-scheduled-sku">
                  {change(skuName(subscription.skuId), skuName(scheduled.skuId))}
                </Detail>
              ) : null}
              {scheduled.quantity !== null ? (
                <Detail label={t('subscriptions.quantity')} testId="subscription-scheduled-quantity">
                  {change(format.number(subscription.quantity), format.number(scheduled.quantity))}
                </Detail>
              ) : null}
              {scheduled.termDuration !== null ? (
                <Detail label={t('subscriptionTerms.term.duration')} testId="subscription-scheduled-term">
                  {change(labels.termDuration(subscription.termDuration), labels.termDuration(scheduled.termDuration))}
                </Detail>
              ) : null}
              {scheduled.billingCycle !== null ? (
                <Detail label={t('subscriptionTerms.term.billingCycle')} testId="subscription-scheduled-cycle">
                  {change(labels.billingCycle(subscription.billingCycle), labels.billingCycle(scheduled.billingCycle))}
                </Detail>
              ) : null}
            </div>
          </>
        ) : (
          <Body1 as="p" data-testid="subscription-next-term-none">
            {t('subscriptionTerms.nextTerm.none', { date: renewal })}
          </Body1>
        )}
        {canSchedule ? (
          <div className={styles.actions}>
            <Button icon={<CalendarEditRegular />} onClick={onEdit} data-testid="subscription-next-term-edit">
              {t('subscriptionTerms.nextTerm.edit')}
            </Button>
            {scheduled ? (
              <Button icon={<DeleteRegular />} onClick={onDrop} data-testid="subscription-next-term-drop">
                {t('subscriptionTerms.nextTerm.drop')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </>
    );
  }
  return (
    <Card className={styles.card} data-testid="subscription-next-term">
      <CardHeader header={<Subtitle2 as="h2">{t('subscriptionTerms.nextTerm.title')}</Subtitle2>} />
      {body}
    </Card>
  );
}

/** TRM-5: the SKUs the seats may move to along the operator's paths; upgraded by those who change the seats. */
function UpgradeCard({
  subscription,
  options,
  canUpgrade,
  onUpgrade,
}: {
  subscription: Subscription;
  options: { data: readonly UpgradeOption[] | undefined; error: unknown; isPending: boolean };
  canUpgrade: boolean;
  onUpgrade(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  let body: ReactNode;
  if (subscription.status !== 'active') {
    body = (
      <Body1 as="p" data-testid="subscription-upgrade-inactive">
        {t('subscriptionTerms.upgrade.inactive')}
      </Body1>
    );
  } else if (options.error) {
    body = <ErrorBar error={options.error} testId="subscription-upgrade-options-error" />;
  } else if (options.isPending || !options.data) {
    body = <Loading />;
  } else if (options.data.length === 0) {
    body = (
      <Body1 as="p" data-testid="subscription-upgrade-none">
        {t('subscriptionTerms.upgrade.none')}
      </Body1>
    );
  } else {
    body = (
      <>
        <ul className={styles.options} aria-label={t('subscriptionTerms.upgrade.title')} data-testid="subscription-upgrade-options">
          {options.data.map((option) => (
            <li key={option.skuId} data-testid={`subscription-upgrade-option-${option.skuId}`}>
              <Body1>{option.name}</Body1>
            </li>
          ))}
        </ul>
        {canUpgrade ? (
          <div className={styles.actions}>
            <Button icon={<ArrowCircleUpRegular />} onClick={onUpgrade} data-testid="subscription-upgrade">
              {t('subscriptionTerms.upgrade.open')}
            </Button>
          </div>
        ) : null}
      </>
    );
  }
  return (
    <Card className={styles.card} data-testid="subscription-upgrade-card">
      <CardHeader
        header={<Subtitle2 as="h2">{t('subscriptionTerms.upgrade.title')}</Subtitle2>}
        description={<Caption1 className={styles.muted}>{t('subscriptionTerms.upgrade.description')}</Caption1>}
      />
      {body}
    </Card>
  );
}

function SubscriptionTermView({ customerId, subscription }: { customerId: string; subscription: Subscription }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const now = useNow();
  const actions = useSubscriptionActions()(subscription);
  const [changing, setChanging] = useState<Subscription | null>(null);
  const [cancelling, setCancelling] = useState<Subscription | null>(null);
  const [editing, setEditing] = useState<Subscription | null>(null);
  const [dropping, setDropping] = useState<Subscription | null>(null);
  const [upgrading, setUpgrading] = useState<Subscription | null>(null);
  const upgradeOptions = useUpgradeOptions(customerId, subscription.id, subscription.status === 'active');
  const setStatus = useSetSubscriptionStatus(customerId, { onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) }) });

  // The product's SKUs (a next term may take another one), from the catalog of the customer's market:
  // read only for those who may schedule; a reseller reads it through the subscription's provider.
  const customer = useCustomer(customerId, actions.schedule);
  const pricesFor = subscription.providerTenantId === me?.tenant.id ? {} : { providerTenantId: subscription.providerTenantId };
  const catalog = useCatalog(actions.schedule ? customer.data?.country : undefined, pricesFor);
  const productSkus: CatalogItem[] = (catalog.data?.items ?? []).filter((item) => item.offerId === subscription.offerId);
  const skuName = (skuId: string) => productSkus.find((item) => item.skuId === skuId)?.skuName ?? skuId;

  return (
    <div className={styles.root}>
      {actions.quantity || actions.status || actions.cancel ? (
        <div className={styles.actions}>
          {actions.quantity ? (
            <Button icon={<NumberSymbolRegular />} onClick={() => setChanging(subscription)} data-testid="subscription-term-quantity">
              {t('subscriptions.changeQuantity')}
            </Button>
          ) : null}
          {actions.status && subscription.status === 'active' ? (
            <Button icon={<PauseRegular />} disabled={setStatus.isPending} onClick={() => setStatus.mutate({ subscription, status: 'suspended' })} data-testid="subscription-term-suspend">
              {t('subscriptions.suspend')}
            </Button>
          ) : null}
          {actions.status && subscription.status === 'suspended' ? (
            <Button icon={<PlayRegular />} disabled={setStatus.isPending} onClick={() => setStatus.mutate({ subscription, status: 'active' })} data-testid="subscription-term-reactivate">
              {t('subscriptions.reactivate')}
            </Button>
          ) : null}
          {actions.cancel ? (
            <Button icon={<DismissCircleRegular />} onClick={() => setCancelling(subscription)} data-testid="subscription-term-cancel">
              {t('subscriptions.cancel')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <ErrorBar error={setStatus.error} testId="subscription-status-error" />
      <div className={styles.cards}>
        <TermCard customerId={customerId} subscription={subscription} canSetAutoRenew={actions.autoRenew} now={now} />
        <SeatsCard subscription={subscription} now={now} />
      </div>
      <NextTermCard subscription={subscription} skuName={skuName} canSchedule={actions.schedule} onEdit={() => setEditing(subscription)} onDrop={() => setDropping(subscription)} />
      <UpgradeCard
        subscription={subscription}
        options={{ data: upgradeOptions.data?.items, error: upgradeOptions.error, isPending: upgradeOptions.isPending }}
        canUpgrade={actions.upgrade}
        onUpgrade={() => setUpgrading(subscription)}
      />
      <Card className={styles.card}>
        <CardHeader
          header={<Subtitle2 as="h2">{t('subscriptionTerms.charges.title')}</Subtitle2>}
          description={<Caption1 className={styles.muted}>{t('subscriptionTerms.charges.description')}</Caption1>}
        />
        <ChargeLinesPanel customerId={customerId} subscriptionId={subscription.id} audience={subscription.prices.audience} />
      </Card>
      <QuantityDialog customerId={customerId} subscription={changing} onClose={() => setChanging(null)} />
      <CancelSubscriptionDialog customerId={customerId} subscription={cancelling} onClose={() => setCancelling(null)} />
      <NextTermDialog customerId={customerId} subscription={editing} productSkus={productSkus} onClose={() => setEditing(null)} />
      <DropScheduledChangesDialog customerId={customerId} subscription={dropping} onClose={() => setDropping(null)} />
      <UpgradeDialog customerId={customerId} subscription={upgrading} options={upgradeOptions.data?.items ?? []} onClose={() => setUpgrading(null)} />
    </div>
  );
}

function SubscriptionTermContent() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { id, subscriptionId = '' } = useParams();
  const { data: me } = useMe();
  // A customer's own page has no customer in its address: the customer is the signed-in tenant.
  const customerId = id ?? me?.tenant.id ?? '';
  const subscription = useSubscription(customerId, subscriptionId);
  const back = id ? '/customers' : '/subscriptions';
  return (
    <div data-testid="subscription-term-page">
      <PageHeader
        title={subscription.data?.name ?? t('subscriptionTerms.page.title')}
        description={subscription.data ? t('subscriptions.partnerIdOnRecord', { partnerId: subscription.data.partnerIdOnRecord, date: format.date(subscription.data.createdAt) }) : undefined}
        actions={
          <Button icon={<ArrowLeftRegular />} onClick={() => navigate(back)} data-testid="subscription-term-back">
            {id ? t('subscriptionTerms.page.backToCustomers') : t('subscriptionTerms.page.backToSubscriptions')}
          </Button>
        }
      />
      {subscription.error ? (
        <ErrorBar error={subscription.error} testId="subscription-term-error" />
      ) : subscription.isPending ? (
        <Loading />
      ) : (
        // Keyed by the subscription: an upgrade opens the new one's page with the dialogs closed.
        <SubscriptionTermView key={subscription.data.id} customerId={customerId} subscription={subscription.data} />
      )}
    </div>
  );
}

export default function SubscriptionTerm() {
  return (
    <RequirePermission permission={PERMISSIONS.commerceRead}>
      <SubscriptionTermContent />
    </RequirePermission>
  );
}
