import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SpinButton,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowLeftRegular, CartRegular, DeleteRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useCatalog, useCatalogs, useCheckout } from '../../api/commerce';
import { useCustomer } from '../../api/customers';
import { useRelationships, useSubscriptions } from '../../api/channel';
import { keys } from '../../api/keys';
import { useChannelLabels } from '../../channelLabels';
import { DataTable } from '../../components/DataTable';
import { LinePricesCell, useCatalogPriceText } from '../../components/Prices';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { totalOf } from '../../money';
import { PERMISSIONS } from '../../permissions';
import { cyclesFor, termsFor } from '../../subscriptionTerms';
import { fieldError } from '../../problem';
import type { CatalogItem, CatalogPrice, CheckoutResult, LineBody, Order } from '@contracts/commerce';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1100px' },
  card: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '16px' },
  line: {
    display: 'grid',
    gridTemplateColumns: 'minmax(240px, 2.2fr) 110px minmax(120px, 1fr) minmax(120px, 1fr) minmax(200px, 1.6fr) 40px',
    gap: '12px',
    alignItems: 'start',
    paddingBlock: '8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  lineError: { gridColumn: '1 / -1' },
  coterm: { gridColumn: '1 / span 3', minWidth: 0 },
  wide: { minWidth: 0 },
  control: { minWidth: 0, width: '100%', boxSizing: 'border-box' },
  toolbar: { display: 'flex', gap: '8px', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' },
  total: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
});

/** A line of an order placed. */
type OrderLine = Order['lineItems'][number];

interface Line extends LineBody {
  key: number;
}

let nextKey = 1;

const MAX_QUANTITY = 10000;

/** The "End with" choice of a line that is not co-termed (TRM-5). */
const NO_COTERM = 'none';

/** ORD-3: the server's refusal of a line whose term and billing cycle do not pair. */
const PAIR_REFUSED = 'billing_cycle_not_allowed_for_term';

/** The code of the API's field error at exactly `path`. */
function fieldCodeAt(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.problem.errors?.find((item) => item.path === path)?.code : undefined;
}

/** The explanation of a checkout refusal code, else the API's message. */
function useRefusalText() {
  const { t } = useTranslation();
  const labels = useChannelLabels();
  return (code: string | undefined, fallback?: string) => {
    if (!code) return fallback ?? '';
    if (code === PAIR_REFUSED) return t('checkoutErrors.billing_cycle_not_allowed_for_term');
    const text = labels.checkoutError(code);
    return text === code ? (fallback ?? code) : text;
  };
}

/**
 * ORD-2, ORD-3: the provider's admin agent builds a cart for a customer from the catalog of the
 * customer's market, names the reseller of record for each line, and checks out.
 */
function CheckoutContent({ customerId }: { customerId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refusalText = useRefusalText();
  const customer = useCustomer(customerId);
  const country = customer.data?.country;
  const catalog = useCatalog(country);
  const resellers = useRelationships('IsIndirectCloudSolutionProviderOf');
  // TRM-5: a line may end with one of the customer's active subscriptions (the server checks the rest).
  const subscriptions = useSubscriptions(customerId);
  const cotermTargets = (subscriptions.data?.items ?? []).filter((subscription) => subscription.status === 'active');
  const [lines, setLines] = useState<Line[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const priceText = useCatalogPriceText();
  // PRC-4: the provider's cost and its price to each line's reseller of record, from the catalog for that reseller.
  const resellerTenantOf = (partnerId: string) => resellers.data?.items.find((item) => item.partnerId === partnerId)?.resellerTenantId;
  const lineResellers = [...new Set(lines.map((line) => resellerTenantOf(line.resellerPartnerId)).filter((id): id is string => !!id))];
  const resellerCatalogs = useCatalogs(
    country,
    lineResellers.map((resellerTenantId) => ({ resellerTenantId })),
  );

  // ORD-2: the reseller of record is one of the customer's resellers (its active relationships, CUS-4) among
  // the provider's active indirect resellers with a PartnerID; the order of any other is refused, so no
  // other is offered. The first of them (by name) is the default.
  const resellerItems = useMemo(() => {
    const customersResellers = new Set((customer.data?.relationships ?? []).filter((item) => item.role === 'reseller').map((item) => item.partnerTenantId));
    return (resellers.data?.items ?? [])
      .filter((item) => item.state === 'active' && !!item.partnerId && customersResellers.has(item.resellerTenantId))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [customer.data, resellers.data]);
  const defaultPartnerId = resellerItems[0]?.partnerId ?? '';

  const newLine = (): Line => ({ key: nextKey++, catalogItemId: '', quantity: 1, termDuration: '', billingCycle: '', resellerPartnerId: defaultPartnerId });
  useEffect(() => {
    if (lines.length === 0 && customer.data && resellers.data) setLines([newLine()]);
    // Only the first line is added automatically, once the defaults are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer.data, resellers.data]);

  // Refusal codes per line (by line key): from a 422 (nothing ordered) or from a 201's `orderErrors`.
  const [refusals, setRefusals] = useState<Map<number, string>>(() => new Map());
  const lineItems = (submittedLines: Line[]) =>
    submittedLines.map(({ catalogItemId, quantity, termDuration, billingCycle, resellerPartnerId, coterminousWithSubscriptionId }) => ({
      catalogItemId,
      quantity,
      termDuration,
      billingCycle,
      resellerPartnerId,
      ...(coterminousWithSubscriptionId ? { coterminousWithSubscriptionId } : {}),
    }));
  const checkout = useCheckout(customerId, lineItems, {
    onSuccess: async (result, submittedLines) => {
      // Lines that were ordered leave the cart; refused ones stay with their reason, to fix and retry.
      const failed = new Map<number, string>();
      for (const error of result.orderErrors) {
        const line = submittedLines[error.lineItemNumber - 1];
        if (line) failed.set(line.key, error.code);
      }
      setRefusals(failed);
      setLines(submittedLines.filter((line) => failed.has(line.key)));
      await queryClient.invalidateQueries({ queryKey: keys.subscriptions(customerId) });
    },
    onError: (error, submittedLines) => {
      const failed = new Map<number, string>();
      if (error instanceof ApiError && error.status === 422) {
        for (const item of error.problem.errors ?? []) {
          const match = /^\/lineItems\/(\d+)$/.exec(item.path);
          const line = match ? submittedLines[Number(match[1])] : undefined;
          if (line) failed.set(line.key, item.code);
        }
      }
      setRefusals(failed);
    },
  });

  if (customer.error) return <ErrorBar error={customer.error} testId="checkout-customer-error" />;
  if (customer.isPending || resellers.isPending) return <Loading />;

  const items = catalog.data?.items ?? [];
  const itemOf = (id: string) => items.find((item) => item.catalogItemId === id);
  /** The line's catalog price for its term and billing cycle, with its reseller's price where it is known. */
  const priceOf = (line: Line): CatalogPrice | undefined => {
    const reseller = resellerTenantOf(line.resellerPartnerId);
    const forReseller = reseller ? resellerCatalogs[lineResellers.indexOf(reseller)]?.data?.items : undefined;
    const item = forReseller?.find((entry) => entry.catalogItemId === line.catalogItemId) ?? itemOf(line.catalogItemId);
    return item?.prices.find((price) => price.termDuration === line.termDuration && price.billingCycle === line.billingCycle);
  };
  const update = (key: number, change: Partial<Line>) => setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));
  // ORD-3: a line always holds a term and billing cycle that pair; a new term keeps the cycle if it may.
  const chooseItem = (key: number, id: string) => {
    const item = itemOf(id);
    const term = termsFor(item)[0] ?? '';
    update(key, { catalogItemId: id, termDuration: term, billingCycle: cyclesFor(item, term)[0] ?? '' });
  };
  const chooseTerm = (line: Line, term: string) => {
    const cycles = cyclesFor(itemOf(line.catalogItemId), term);
    update(line.key, { termDuration: term, billingCycle: cycles.includes(line.billingCycle) ? line.billingCycle : (cycles[0] ?? '') });
  };

  const clientError = (line: Line, field: keyof LineBody) => {
    if (!submitted) return undefined;
    if (field === 'catalogItemId' && !line.catalogItemId) return t('checkout.offerRequired');
    if (field === 'quantity' && (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY)) {
      return t('subscriptions.quantityRange', { max: format.number(MAX_QUANTITY) });
    }
    if (field === 'termDuration' && !line.termDuration) return t('validation.required');
    if (field === 'billingCycle' && !line.billingCycle) return t('validation.required');
    if (field === 'resellerPartnerId' && !line.resellerPartnerId) return t('checkout.resellerRequired');
    return undefined;
  };
  const errorFor = (line: Line, index: number, field: keyof LineBody) =>
    clientError(line, field) ?? fieldError(checkout.error, `/lineItems/${index}/${field}`);
  const props = (line: Line, index: number, field: keyof LineBody) => {
    const message = errorFor(line, index, field);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  /** ORD-3: the server refused the line's term and billing cycle as a pair (on the cart or at checkout). */
  const pairRefused = (line: Line, index: number) => refusals.get(line.key) === PAIR_REFUSED || fieldCodeAt(checkout.error, `/lineItems/${index}/billingCycle`) === PAIR_REFUSED;
  /** The billing-cycle field's message: the refused pair explained, else as any other field. */
  const cycleProps = (line: Line, index: number) => {
    if (!pairRefused(line, index)) return props(line, index, 'billingCycle');
    return {
      validationState: 'error' as const,
      validationMessage: (
        <span data-testid={`checkout-line-${index}-cycle-error`} data-code={PAIR_REFUSED}>
          {refusalText(PAIR_REFUSED)}
        </span>
      ),
    };
  };
  /** A line's refusal at checkout, explained (a refused pair is shown on the billing cycle instead). */
  const lineRefusal = (line: Line): string | undefined => {
    const code = refusals.get(line.key);
    return code && code !== PAIR_REFUSED ? refusalText(code) : undefined;
  };

  const hasClientErrors = lines.some(
    (line) =>
      !line.catalogItemId ||
      !line.termDuration ||
      !line.billingCycle ||
      !line.resellerPartnerId ||
      !Number.isInteger(line.quantity) ||
      line.quantity < 1 ||
      line.quantity > MAX_QUANTITY,
  );
  const currency = catalog.data?.currency ?? null;
  // What the order comes to at the prices the caller charges (a provider: its reseller's price), exactly (PRC-5).
  const charged = (price: CatalogPrice | undefined) =>
    price?.audience === 'provider' ? price.resellerPrice : price?.audience === 'reseller' ? (price.customerPrice ?? price.resellerPrice) : price?.listPrice;
  const priced = lines.filter((line) => line.catalogItemId && Number.isInteger(line.quantity)).map((line) => ({ amount: charged(priceOf(line)), quantity: line.quantity }));
  const total = priced.every((line) => line.amount !== undefined) ? totalOf(priced as { amount: string; quantity: number }[]) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (lines.length === 0 || hasClientErrors) return;
    setRefusals(new Map());
    checkout.mutate(lines);
  };

  const refused = checkout.error instanceof ApiError && checkout.error.status === 422 && checkout.error.code !== 'validation_failed' ? checkout.error : null;
  // A refusal that names a line's field (e.g. its billing cycle) is explained there.
  const refusedFields = refused?.problem.errors ?? [];
  const refusedOnLineFields = refusedFields.length > 0 && refusedFields.every((item) => /^\/lineItems\/\d+\/\w+$/.test(item.path));
  const result = checkout.data;

  if (result && result.orderErrors.length === 0) {
    return (
      <div className={styles.root}>
        <OrdersPlaced result={result} customerName={customer.data.companyName} catalog={catalog.data?.items ?? []} />
        <div className={styles.toolbar}>
          <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/customers')} data-testid="checkout-back-to-customers">
            {t('checkout.backToCustomers')}
          </Button>
          <Button
            onClick={() => {
              checkout.reset();
              setSubmitted(false);
              setRefusals(new Map());
              setLines([newLine()]);
            }}
            data-testid="checkout-new-order"
          >
            {t('checkout.newOrder')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form className={styles.root} onSubmit={onSubmit} noValidate data-testid="checkout-form">
      <Body1>
        {t('checkout.intro', { customer: customer.data.companyName, country: format.country(customer.data.country) })}
        {currency ? ` ${t('checkout.currency', { currency })}` : ''}
      </Body1>
      {refused ? (
        <MessageBar intent="error" layout="multiline" data-testid="checkout-refused" data-code={refused.code}>
          <MessageBarBody>
            <MessageBarTitle>{t('checkout.refusedTitle')}</MessageBarTitle>
            {refusedOnLineFields ? t('errors.checkFields') : refusalText(refused.code, refused.problem.detail)}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <ErrorBar error={checkout.error} fieldPaths={['/lineItems']} testId="checkout-error" />
      )}
      {result ? <OrdersPlaced result={result} customerName={customer.data.companyName} catalog={items} partial /> : null}
      {catalog.error ? (
        <ErrorBar error={catalog.error} testId="checkout-catalog-error" />
      ) : catalog.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <MessageBar intent="warning" data-testid="checkout-catalog-empty">
          <MessageBarBody>{t('checkout.catalogEmpty')}</MessageBarBody>
        </MessageBar>
      ) : (
        <Card className={styles.card}>
          <CardHeader header={<Text weight="semibold">{t('checkout.cart')}</Text>} />
          {resellerItems.length === 0 ? (
            <MessageBar intent="warning" data-testid="checkout-no-resellers">
              <MessageBarBody>{t('checkout.noCustomerResellers', { customer: customer.data.companyName })}</MessageBarBody>
            </MessageBar>
          ) : null}
          {lines.map((line, index) => {
            const item = itemOf(line.catalogItemId);
            const refusal = lineRefusal(line);
            const reseller = resellerItems.find((entry) => entry.partnerId === line.resellerPartnerId);
            const price = priceOf(line);
            const cotermTarget = cotermTargets.find((entry) => entry.id === line.coterminousWithSubscriptionId);
            const cotermText = (entry: { name: string; commitmentEndAt: string }) => t('checkout.cotermOption', { name: entry.name, date: format.date(entry.commitmentEndAt) });
            return (
              <div key={line.key} className={styles.line} data-testid={`checkout-line-${index}`}>
                <Field className={styles.wide} label={t('checkout.offer')} required {...props(line, index, 'catalogItemId')}>
                  <Dropdown
                    className={styles.control}
                    value={item ? `${item.name} — ${item.skuName}` : ''}
                    placeholder={t('checkout.offerPlaceholder')}
                    selectedOptions={line.catalogItemId ? [line.catalogItemId] : []}
                    onOptionSelect={(_event, data) => chooseItem(line.key, data.optionValue ?? '')}
                    data-testid={`checkout-line-${index}-offer`}
                  >
                    {items.map((entry) => (
                      <Option key={entry.catalogItemId} value={entry.catalogItemId} text={`${entry.name} — ${entry.skuName}`} data-testid={`checkout-offer-${entry.catalogItemId}`}>
                        {`${entry.name} — ${entry.skuName}`}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field label={t('checkout.quantity')} required {...props(line, index, 'quantity')}>
                  <SpinButton
                    className={styles.control}
                    value={line.quantity}
                    min={1}
                    max={MAX_QUANTITY}
                    onChange={(_event, data) => {
                      const value = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
                      if (typeof value === 'number' && !Number.isNaN(value)) update(line.key, { quantity: value });
                    }}
                    data-testid={`checkout-line-${index}-quantity`}
                  />
                </Field>
                <Field label={t('checkout.term')} required {...props(line, index, 'termDuration')}>
                  <Dropdown
                    className={styles.control}
                    value={line.termDuration ? labels.termDuration(line.termDuration) : ''}
                    selectedOptions={line.termDuration ? [line.termDuration] : []}
                    disabled={!item}
                    onOptionSelect={(_event, data) => chooseTerm(line, data.optionValue ?? '')}
                    data-testid={`checkout-line-${index}-term`}
                  >
                    {termsFor(item).map((term) => (
                      <Option key={term} value={term} data-testid={`checkout-term-${term}`}>
                        {labels.termDuration(term)}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field label={t('checkout.cycle')} required hint={line.termDuration === 'P1M' ? t('checkout.cycleOneMonth') : undefined} {...cycleProps(line, index)}>
                  <Dropdown
                    className={styles.control}
                    value={line.billingCycle ? labels.billingCycle(line.billingCycle) : ''}
                    selectedOptions={line.billingCycle ? [line.billingCycle] : []}
                    disabled={!item || !line.termDuration}
                    onOptionSelect={(_event, data) => update(line.key, { billingCycle: data.optionValue ?? '' })}
                    data-testid={`checkout-line-${index}-cycle`}
                  >
                    {cyclesFor(item, line.termDuration).map((cycle) => (
                      <Option key={cycle} value={cycle} data-testid={`checkout-cycle-${cycle}`}>
                        {labels.billingCycle(cycle)}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field
                  className={styles.wide}
                  label={t('checkout.reseller')}
                  required
                  hint={index === 0 ? t('checkout.customerResellersHint', { customer: customer.data.companyName }) : undefined}
                  {...props(line, index, 'resellerPartnerId')}
                >
                  <Dropdown
                    className={styles.control}
                    value={reseller ? `${reseller.name} (${reseller.partnerId})` : line.resellerPartnerId}
                    placeholder={t('checkout.resellerPlaceholder')}
                    selectedOptions={line.resellerPartnerId ? [line.resellerPartnerId] : []}
                    onOptionSelect={(_event, data) => update(line.key, { resellerPartnerId: data.optionValue ?? '' })}
                    data-testid={`checkout-line-${index}-reseller`}
                  >
                    {resellerItems.map((entry) => (
                      <Option key={entry.id} value={entry.partnerId!} text={`${entry.name} (${entry.partnerId})`} data-testid={`checkout-reseller-${entry.partnerId}`}>
                        {`${entry.name} (${entry.partnerId})`}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Tooltip content={t('checkout.removeLine')} relationship="label">
                  <Button
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    disabled={lines.length === 1}
                    onClick={() => setLines((current) => current.filter((entry) => entry.key !== line.key))}
                    data-testid={`checkout-line-${index}-remove`}
                  />
                </Tooltip>
                {cotermTargets.length > 0 || line.coterminousWithSubscriptionId ? (
                  <Field
                    className={styles.coterm}
                    label={t('checkout.coterm')}
                    hint={cotermTarget ? t('checkout.cotermChosen', { date: format.date(cotermTarget.commitmentEndAt) }) : t('checkout.cotermHint')}
                    {...props(line, index, 'coterminousWithSubscriptionId')}
                  >
                    <Dropdown
                      className={styles.control}
                      value={cotermTarget ? cotermText(cotermTarget) : (line.coterminousWithSubscriptionId ?? t('checkout.cotermNone'))}
                      selectedOptions={[line.coterminousWithSubscriptionId ?? NO_COTERM]}
                      onOptionSelect={(_event, data) =>
                        update(line.key, { coterminousWithSubscriptionId: data.optionValue && data.optionValue !== NO_COTERM ? data.optionValue : undefined })
                      }
                      data-testid={`checkout-line-${index}-coterm`}
                    >
                      <Option value={NO_COTERM} data-testid="checkout-coterm-none">
                        {t('checkout.cotermNone')}
                      </Option>
                      {cotermTargets.map((entry) => (
                        <Option key={entry.id} value={entry.id} text={cotermText(entry)} data-testid={`checkout-coterm-${entry.id}`}>
                          {cotermText(entry)}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                ) : null}
                {price && currency ? (
                  <Caption1 className={mergeClasses(styles.muted, styles.lineError)} data-testid={`checkout-line-${index}-price`}>
                    {priceText(price, currency)}
                  </Caption1>
                ) : null}
                {refusal ? (
                  <MessageBar className={styles.lineError} intent="error" data-testid={`checkout-line-${index}-refusal`}>
                    <MessageBarBody>{refusal}</MessageBarBody>
                  </MessageBar>
                ) : null}
              </div>
            );
          })}
          <div className={styles.toolbar}>
            <Button icon={<AddRegular />} onClick={() => setLines((current) => [...current, newLine()])} disabled={lines.length >= 50} data-testid="checkout-add-line">
              {t('checkout.addLine')}
            </Button>
            {currency && total !== undefined ? (
              <Text className={styles.total} data-testid="checkout-total">
                {t('checkout.total', { total: format.amount(total, currency) })}
              </Text>
            ) : null}
          </div>
          <Caption1 className={styles.muted}>{t('checkout.totalHint')}</Caption1>
        </Card>
      )}
      <div className={styles.toolbar}>
        <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/customers')} data-testid="checkout-cancel">
          {t('checkout.backToCustomers')}
        </Button>
        <Button appearance="primary" type="submit" icon={<CartRegular />} disabled={checkout.isPending || items.length === 0} data-testid="checkout-submit">
          {checkout.isPending ? t('checkout.submitting') : t('checkout.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The orders a checkout created: one per reseller of record, each line a new subscription. */
function OrdersPlaced({
  result,
  customerName,
  catalog,
  partial = false,
}: {
  result: CheckoutResult;
  customerName: string;
  catalog: readonly CatalogItem[];
  partial?: boolean;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  if (result.orders.length === 0) return null;
  // Order lines name the offer and SKU by ID; the catalog has their names.
  const skuName = (offerId: string, skuId: string) => {
    const item = catalog.find((entry) => entry.catalogItemId === `${offerId}:${skuId}`);
    return item ? `${item.name} — ${item.skuName}` : skuId;
  };
  return (
    <Card className={styles.card} data-testid="checkout-orders">
      <MessageBar intent={partial ? 'warning' : 'success'} layout="multiline" data-testid={partial ? 'checkout-partial' : 'checkout-done'}>
        <MessageBarBody>
          <MessageBarTitle>{t('checkout.placedTitle')}</MessageBarTitle>
          {partial ? t('checkout.placedPartial', { customer: customerName }) : t('checkout.placed', { customer: customerName })}
        </MessageBarBody>
      </MessageBar>
      {result.orders.map((order) => (
        <div key={order.id} className={styles.tableWrap} data-testid={`order-${order.id}`}>
          <Text weight="semibold">{t('checkout.order', { id: order.id, date: format.dateTime(order.createdAt) })}</Text>
          <DataTable<OrderLine>
            size="small"
            aria-label={t('checkout.order', { id: order.id, date: format.dateTime(order.createdAt) })}
            rows={order.lineItems}
            rowId={(line) => String(line.lineItemNumber)}
            rowProps={(line) => ({ 'data-testid': `order-line-${line.lineItemNumber}` })}
            columns={[
              { id: 'line', header: t('checkout.columnLine'), cell: (line) => format.number(line.lineItemNumber) },
              { id: 'sku', header: t('checkout.columnSku'), cell: (line) => skuName(line.offerId, line.skuId) },
              { id: 'quantity', header: t('checkout.quantity'), cell: (line) => format.number(line.quantity) },
              { id: 'term', header: t('checkout.term'), cell: (line) => `${labels.termDuration(line.termDuration)} · ${labels.billingCycle(line.billingCycle)}` },
              { id: 'unitPrice', header: t('checkout.columnUnitPrice'), cell: (line) => <LinePricesCell prices={line.prices} currency={order.currency} testId={`order-line-${line.lineItemNumber}-prices`} /> },
              { id: 'partnerId', header: t('checkout.columnPartnerId'), cell: (line) => line.partnerIdOnRecord },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}

export default function Checkout() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <div data-testid="checkout-page">
      <PageHeader title={t('checkout.title')} description={t('checkout.description')} />
      <RequirePermission permission={PERMISSIONS.commerceOrder}>
        <CheckoutContent customerId={id} />
      </RequirePermission>
    </div>
  );
}
