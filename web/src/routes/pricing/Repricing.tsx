// PRC-2, PRC-4: a partner's repricing for its buyers: a provider's configs for its resellers (tier
// 'reseller'), a reseller's for its customers (tier 'customer'). The list of configs, one created (scope
// all buyers or one, target all products, a product or a SKU, basis cost or list, a percentage or a fixed
// unit price, an effective month) with a live preview of what one buyer would pay, and one deleted while
// its month has not begun. The preview sends the config being written to the API as draft* parameters
// (/v1/repricing-configs/preview, never the provider's cost for a reseller) and shows the server's answer:
// the price with the draft as if stored, whether the draft decides it or a more specific stored config
// does, and why the draft could not be stored (a rule's code). The portal repeats none of the rules.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, DeleteRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@contracts/commerce';
import type { PricePreviewQuery, RepricingConfig, RepricingConfigBody, RepricingTier } from '@contracts/pricing';
import { useCustomers, useRelationships } from '../../api/channel';
import { useCatalog } from '../../api/commerce';
import { priceSheetUrl, useCreateRepricingConfig, useDeleteRepricingConfig, usePricePreview, useRepricingConfigs } from '../../api/pricing';
import { useChannelLabels } from '../../channelLabels';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { basisPointsOf, isDecimal } from '../../money';
import { PERMISSIONS, isProviderTenant, isResellerTenant } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import { MONTH_PATTERN, monthOf, nextMonth } from './months';

const useStyles = makeStyles({
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2 },
  empty: { padding: '24px', color: tokens.colorNeutralForeground3 },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  tier: { marginBottom: '16px', maxWidth: '320px' },
  dialog: { maxWidth: '720px', width: '100%' },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '12px' },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  sentence: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
});

/** Someone the caller sells to at this tier: a reseller of the provider, a customer of the reseller. */
interface Buyer {
  id: string;
  name: string;
  country: string;
}

/** The caller's buyers at the tier (active resellers; customers it is the reseller of). */
function useBuyers(tier: RepricingTier, tenantId: string): { buyers: Buyer[]; pending: boolean; error: unknown } {
  const resellers = useRelationships('IsIndirectCloudSolutionProviderOf', tier === 'reseller');
  const customers = useCustomers({});
  // Every customer is a possible buyer: the pages are read to the end.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = customers;
  useEffect(() => {
    if (tier === 'customer' && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [tier, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return useMemo(() => {
    if (tier === 'reseller') {
      const buyers = (resellers.data?.items ?? []).filter((r) => r.state === 'active').map((r) => ({ id: r.resellerTenantId, name: r.name, country: r.country }));
      return { buyers, pending: resellers.isPending, error: resellers.error };
    }
    const buyers = (customers.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((c) => c.relationships.some((r) => r.partnerTenantId === tenantId && r.role === 'reseller'))
      .map((c) => ({ id: c.id, name: c.companyName, country: c.country }));
    return { buyers, pending: customers.isPending, error: customers.error };
  }, [tier, tenantId, resellers.data, resellers.isPending, resellers.error, customers.data, customers.isPending, customers.error]);
}

/** A reseller's active providers, one of whom it names where it has several (its cost is that one's price). */
function useCostProviders(tier: RepricingTier) {
  const providers = useRelationships('IsIndirectResellerOf', tier === 'customer');
  return useMemo(() => (providers.data?.items ?? []).filter((r) => r.state === 'active'), [providers.data]);
}

/** The products and SKUs sold in a country, by product (the catalog's items are SKUs). */
function productsOf(items: readonly CatalogItem[]) {
  const products = new Map<string, { id: string; name: string; skus: CatalogItem[] }>();
  for (const item of items) {
    const product = products.get(item.offerId) ?? { id: item.offerId, name: item.name, skus: [] };
    product.skus.push(item);
    products.set(item.offerId, product);
  }
  return [...products.values()];
}

type ScopeKind = 'all' | 'one';
type TargetKind = 'all' | 'product' | 'sku';
type AdjustmentKind = 'percent' | 'fixed';

/** Creates a config, with the live preview of what one buyer would pay under it. */
function ConfigDialog({ tier, buyers, country, onClose }: { tier: RepricingTier; buyers: readonly Buyer[]; country: string; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channel = useChannelLabels();
  const [scope, setScope] = useState<ScopeKind>('all');
  const [buyerId, setBuyerId] = useState(buyers[0]?.id ?? '');
  const [targetKind, setTargetKind] = useState<TargetKind>('all');
  const [productId, setProductId] = useState('');
  const [skuId, setSkuId] = useState('');
  const [basis, setBasis] = useState<RepricingConfigBody['basis']>('cost');
  const [adjustment, setAdjustment] = useState<AdjustmentKind>('percent');
  const [percent, setPercent] = useState('');
  const [unitPrice, setUnitPrice] = useState('');
  const [effectiveMonth, setEffectiveMonth] = useState(nextMonth(monthOf(new Date())));
  // The line previewed where the config names none: a buyer, a SKU, a term and a billing cycle.
  const [previewBuyerId, setPreviewBuyerId] = useState(buyers[0]?.id ?? '');
  const [previewItemId, setPreviewItemId] = useState('');
  const [termDuration, setTermDuration] = useState('');
  const [billingCycle, setBillingCycle] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateRepricingConfig({ onSuccess: () => onClose() });
  // A reseller's cost is its provider's price: with several providers, the preview names the one.
  const providers = useCostProviders(tier);
  const [providerId, setProviderId] = useState('');
  const provider = providers.length > 1 ? (providers.find((r) => r.providerTenantId === providerId) ?? providers[0]) : undefined;

  const buyer = buyers.find((b) => b.id === (scope === 'one' ? buyerId : previewBuyerId));
  const catalog = useCatalog(buyer?.country ?? country, provider ? { providerTenantId: provider.providerTenantId } : undefined);
  const items = catalog.data?.items ?? [];
  const products = productsOf(items);
  const product = products.find((p) => p.id === productId);
  const currency = catalog.data?.currency ?? '';
  const [fixedCurrency, setFixedCurrency] = useState('');
  const unitCurrency = fixedCurrency || currency;

  // The SKU previewed: the config's, else the one chosen for the preview among the target's, else the first.
  const candidates = targetKind === 'sku' ? items.filter((i) => i.offerId === productId && i.skuId === skuId) : targetKind === 'product' ? (product?.skus ?? []) : items;
  const item = candidates.find((i) => i.catalogItemId === previewItemId) ?? candidates[0];
  const term = item?.termDurations.includes(termDuration) ? termDuration : item?.termDurations[0];
  const cycles = (item?.billingCycles ?? []).filter((c) => term !== 'P1M' || c === 'monthly');
  const cycle = cycles.includes(billingCycle) ? billingCycle : cycles[0];

  const body: Partial<RepricingConfigBody> = {
    tier,
    ...(scope === 'one' && buyerId ? { buyerTenantId: buyerId } : {}),
    ...(targetKind !== 'all' && productId ? { productId } : {}),
    ...(targetKind === 'sku' && skuId ? { skuId } : {}),
    basis,
    ...(adjustment === 'percent' ? { percent: percent.trim() } : { unitPrice: unitPrice.trim(), currency: unitCurrency }),
    effectiveMonth,
  };
  const monthValid = MONTH_PATTERN.test(effectiveMonth);
  // PRC-2: the config being written goes to the server as draft* parameters; it prices it beside the
  // stored configs by its own rules. A fixed price is priced only in the preview's currency; an empty
  // adjustment is no draft yet (the preview then shows the cost and the list price only).
  const adjustmentText = adjustment === 'percent' ? percent.trim() : unitPrice.trim();
  const otherCurrency = adjustment === 'fixed' && unitCurrency !== currency;
  const draft: Partial<PricePreviewQuery> =
    adjustmentText && !otherCurrency
      ? {
          draftBasis: basis,
          draftScope: scope,
          draftTarget: targetKind,
          ...(adjustment === 'percent' ? { draftPercent: adjustmentText } : { draftUnitPrice: adjustmentText }),
          draftEffectiveMonth: effectiveMonth,
        }
      : {};
  const liveQuery: PricePreviewQuery | null =
    buyer && item && term && cycle && currency && monthValid
      ? {
          tier,
          buyerTenantId: buyer.id,
          productId: item.offerId,
          skuId: item.skuId,
          termDuration: term as PricePreviewQuery['termDuration'],
          billingCycle: cycle as PricePreviewQuery['billingCycle'],
          currency,
          month: effectiveMonth,
          ...(provider ? { providerTenantId: provider.providerTenantId } : {}),
          ...draft,
        }
      : null;
  // Typing does not flood the API: the query (its key includes the draft) is sent once the form has
  // rested; it is compared as text, so that a render with the same form never restarts the wait.
  const queryText = useDebouncedValue(JSON.stringify(liveQuery), 300);
  const query = useMemo(() => JSON.parse(queryText) as PricePreviewQuery | null, [queryText]);
  const preview = usePricePreview(query);

  const errors = {
    buyer: (submitted && scope === 'one' && !buyerId ? t('validation.required') : undefined) ?? fieldError(create.error, '/buyerTenantId'),
    product: (submitted && targetKind !== 'all' && !productId ? t('validation.required') : undefined) ?? fieldError(create.error, '/productId'),
    sku: (submitted && targetKind === 'sku' && !skuId ? t('validation.required') : undefined) ?? fieldError(create.error, '/skuId'),
    percent:
      (submitted && adjustment === 'percent' && basisPointsOf(percent) === undefined ? t('pricing.repricing.percentInvalid') : undefined) ??
      fieldError(create.error, '/percent', ['repricing_discount_too_large']) ??
      (adjustment === 'percent' ? fieldError(preview.error, '/query/draftPercent') : undefined),
    unitPrice:
      (submitted && adjustment === 'fixed' && !isDecimal(unitPrice) ? t('pricing.repricing.unitPriceInvalid') : undefined) ??
      fieldError(create.error, '/unitPrice', ['repricing_fixed_needs_sku']) ??
      (adjustment === 'fixed' ? fieldError(preview.error, '/query/draftUnitPrice') : undefined),
    currency: fieldError(create.error, '/currency'),
    month: (submitted && !monthValid ? t('pricing.priceLists.monthInvalid') : undefined) ?? fieldError(create.error, '/effectiveMonth', ['repricing_month_past', 'repricing_conflict']),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const incomplete =
      (scope === 'one' && !buyerId) ||
      (targetKind !== 'all' && !productId) ||
      (targetKind === 'sku' && !skuId) ||
      (adjustment === 'percent' ? basisPointsOf(percent) === undefined : !isDecimal(unitPrice)) ||
      !monthValid;
    if (!incomplete) create.mutate(body as RepricingConfigBody);
  };

  const buyerWord = tier === 'reseller' ? t('pricing.repricing.allResellers') : t('pricing.repricing.allCustomers');

  const sentence = () => {
    if (buyers.length === 0) return <Body1>{tier === 'reseller' ? t('pricing.repricing.noResellers') : t('pricing.repricing.noCustomers')}</Body1>;
    if (catalog.isPending) return <Loading />;
    if (!liveQuery) return <Body1 data-testid="preview-incomplete">{t('pricing.repricing.previewIncomplete')}</Body1>;
    if (!query || preview.isPending) return <Loading />;
    if (preview.error) return <ErrorBar error={preview.error} fieldPaths={['/query/draftPercent', '/query/draftUnitPrice']} testId="preview-error" />;
    if (!preview.data) return null;
    const data = preview.data;
    // The names of the line the answer is for (the form may have moved on while it was read).
    const shownBuyer = buyers.find((b) => b.id === query.buyerTenantId);
    const shownItem = items.find((i) => i.offerId === query.productId && i.skuId === query.skuId);
    const productName = shownItem ? `${shownItem.name} ${shownItem.skuName}` : query.skuId;
    const values = { buyer: shownBuyer?.name ?? query.buyerTenantId, price: format.amount(data.price, data.currency), product: productName, month: format.month(data.month) };
    const outcome = !data.draft
      ? null
      : data.draft.applies
        ? 'applies'
        : query.draftEffectiveMonth && query.draftEffectiveMonth > data.month
          ? 'later'
          : data.config
            ? 'overridden'
            : 'notApplied';
    // A draft's problem, in the server's meaning (the code of the rule that would refuse to store it).
    const draftMonth = query.draftEffectiveMonth ? format.month(query.draftEffectiveMonth) : values.month;
    const problemMessages: Record<string, string> = {
      repricing_conflict: t('pricing.repricing.problem.repricing_conflict', { month: draftMonth }),
      repricing_month_past: t('pricing.repricing.problem.repricing_month_past', { month: draftMonth }),
      repricing_fixed_needs_sku: t('pricing.repricing.problem.repricing_fixed_needs_sku'),
      repricing_discount_too_large: t('pricing.repricing.problem.repricing_discount_too_large'),
    };
    return (
      <>
        {outcome === 'applies' || outcome === 'overridden' ? (
          <Text className={styles.sentence} data-testid="preview-sentence">
            {t('pricing.repricing.previewSentence', values)}
          </Text>
        ) : outcome === 'later' ? (
          <Text className={styles.sentence} data-testid="preview-later">
            {t('pricing.repricing.previewLater', { ...values, draftMonth })}
          </Text>
        ) : outcome === 'notApplied' ? (
          <Text className={styles.sentence} data-testid="preview-not-applied">
            {t('pricing.repricing.previewNotApplied', values)}
          </Text>
        ) : (
          <Body1 data-testid="preview-incomplete">{otherCurrency ? t('pricing.repricing.previewOtherCurrency', { currency: data.currency }) : t('pricing.repricing.previewAdjustment')}</Body1>
        )}
        <Caption1 className={styles.secondary} data-testid="preview-details">
          {t('pricing.repricing.previewDetails', {
            term: channel.termDuration(query.termDuration),
            cycle: channel.billingCycle(query.billingCycle),
            cost: format.amount(data.cost, data.currency),
            list: format.amount(data.listPrice, data.currency),
          })}
        </Caption1>
        {outcome === 'overridden' ? (
          <MessageBar intent="info" data-testid="preview-overridden">
            <MessageBarBody>{t('pricing.repricing.previewOverridden')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {data.draft?.problem ? (
          <MessageBar intent="warning" data-testid="preview-problem" data-code={data.draft.problem}>
            <MessageBarBody>{problemMessages[data.draft.problem] ?? t('pricing.repricing.problem.other')}</MessageBarBody>
          </MessageBar>
        ) : null}
      </>
    );
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      className={styles.dialog}
      title={tier === 'reseller' ? t('pricing.repricing.createTitleResellers') : t('pricing.repricing.createTitleCustomers')}
      actions={
        <>
          <Button onClick={onClose} data-testid="config-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="config-submit">
            {t('pricing.repricing.create')}
          </Button>
        </>
      }
      testId="config-dialog"
    >
      <ErrorBar
        error={create.error}
        fieldPaths={['/buyerTenantId', '/productId', '/skuId', '/percent', '/unitPrice', '/currency', '/effectiveMonth']}
        fieldCodes={['repricing_discount_too_large', 'repricing_fixed_needs_sku', 'repricing_month_past', 'repricing_conflict']}
        testId="config-error"
      />
      <div className={styles.grid}>
        <Field label={t('pricing.repricing.scope')}>
          <Select value={scope} onChange={(_event, data) => setScope(data.value as ScopeKind)} data-testid="config-scope">
            <option value="all">{buyerWord}</option>
            <option value="one">{tier === 'reseller' ? t('pricing.repricing.oneReseller') : t('pricing.repricing.oneCustomer')}</option>
          </Select>
        </Field>
        {scope === 'one' ? (
          <Field label={t('pricing.repricing.buyer')} required validationMessage={errors.buyer} validationState={errors.buyer ? 'error' : 'none'}>
            <Select value={buyerId} onChange={(_event, data) => setBuyerId(data.value)} data-testid="config-buyer">
              {buyers.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <div />
        )}
        <Field label={t('pricing.repricing.target')}>
          <Select value={targetKind} onChange={(_event, data) => setTargetKind(data.value as TargetKind)} data-testid="config-target">
            <option value="all">{t('pricing.allProducts')}</option>
            <option value="product">{t('pricing.repricing.oneProduct')}</option>
            <option value="sku">{t('pricing.repricing.oneSku')}</option>
          </Select>
        </Field>
        {targetKind !== 'all' ? (
          <Field label={t('pricing.product')} required validationMessage={errors.product} validationState={errors.product ? 'error' : 'none'}>
            <Select
              value={productId}
              onChange={(_event, data) => {
                setProductId(data.value);
                setSkuId(products.find((p) => p.id === data.value)?.skus[0]?.skuId ?? '');
              }}
              data-testid="config-product"
            >
              <option value="">{t('pricing.repricing.choose')}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <div />
        )}
        {targetKind === 'sku' ? (
          <Field label={t('pricing.sku')} required validationMessage={errors.sku} validationState={errors.sku ? 'error' : 'none'}>
            <Select value={skuId} onChange={(_event, data) => setSkuId(data.value)} data-testid="config-sku">
              {(product?.skus ?? []).map((s) => (
                <option key={s.skuId} value={s.skuId}>
                  {s.skuName}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t('pricing.repricing.basis')}>
          <Select value={basis} onChange={(_event, data) => setBasis(data.value as RepricingConfigBody['basis'])} data-testid="config-basis">
            <option value="cost">{t('pricing.repricing.basisCost')}</option>
            <option value="list">{t('pricing.repricing.basisList')}</option>
          </Select>
        </Field>
        <Field label={t('pricing.repricing.adjustment')}>
          <Select value={adjustment} onChange={(_event, data) => setAdjustment(data.value as AdjustmentKind)} data-testid="config-adjustment">
            <option value="percent">{t('pricing.repricing.percent')}</option>
            <option value="fixed">{t('pricing.repricing.fixed')}</option>
          </Select>
        </Field>
        {adjustment === 'percent' ? (
          <Field label={t('pricing.repricing.percentLabel')} hint={t('pricing.repricing.percentHint')} required validationMessage={errors.percent} validationState={errors.percent ? 'error' : 'none'}>
            <Input value={percent} inputMode="decimal" contentAfter="%" onChange={(_event, data) => setPercent(data.value)} data-testid="config-percent" />
          </Field>
        ) : (
          <>
            <Field label={t('pricing.repricing.unitPrice')} hint={t('pricing.repricing.fixedHint')} required validationMessage={errors.unitPrice} validationState={errors.unitPrice ? 'error' : 'none'}>
              <Input value={unitPrice} inputMode="decimal" onChange={(_event, data) => setUnitPrice(data.value)} data-testid="config-unit-price" />
            </Field>
            <Field label={t('pricing.currency')} validationMessage={errors.currency} validationState={errors.currency ? 'error' : 'none'}>
              <Input value={unitCurrency} maxLength={3} onChange={(_event, data) => setFixedCurrency(data.value.toUpperCase())} data-testid="config-currency" />
            </Field>
          </>
        )}
        <Field label={t('pricing.repricing.effectiveMonth')} required validationMessage={errors.month} validationState={errors.month ? 'error' : 'none'}>
          <Input type="month" value={effectiveMonth} onChange={(_event, data) => setEffectiveMonth(data.value)} data-testid="config-month" />
        </Field>
      </div>

      <section className={styles.preview} aria-live="polite" data-testid="config-preview">
        <Text weight="semibold">{t('pricing.repricing.preview')}</Text>
        {buyers.length > 0 ? (
          <div className={styles.grid}>
            {scope === 'all' ? (
              <Field label={t('pricing.repricing.previewBuyer')}>
                <Select value={previewBuyerId} onChange={(_event, data) => setPreviewBuyerId(data.value)} data-testid="preview-buyer">
                  {buyers.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            {provider ? (
              <Field label={t('pricing.repricing.previewProvider')}>
                <Select value={provider.providerTenantId} onChange={(_event, data) => setProviderId(data.value)} data-testid="preview-provider">
                  {providers.map((r) => (
                    <option key={r.providerTenantId} value={r.providerTenantId}>
                      {r.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            {targetKind !== 'sku' && candidates.length > 0 ? (
              <Field label={t('pricing.repricing.previewSku')}>
                <Select value={item?.catalogItemId ?? ''} onChange={(_event, data) => setPreviewItemId(data.value)} data-testid="preview-sku">
                  {candidates.map((i) => (
                    <option key={i.catalogItemId} value={i.catalogItemId}>
                      {i.name} {i.skuName}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            {item ? (
              <>
                <Field label={t('pricing.term')}>
                  <Select value={term ?? ''} onChange={(_event, data) => setTermDuration(data.value)} data-testid="preview-term">
                    {item.termDurations.map((value) => (
                      <option key={value} value={value}>
                        {channel.termDuration(value)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t('pricing.billingCycle')}>
                  <Select value={cycle ?? ''} onChange={(_event, data) => setBillingCycle(data.value)} data-testid="preview-cycle">
                    {cycles.map((value) => (
                      <option key={value} value={value}>
                        {channel.billingCycle(value)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </>
            ) : null}
          </div>
        ) : null}
        {sentence()}
      </section>
    </FormDialog>
  );
}

function RepricingContent({ tenantId, country, tiers }: { tenantId: string; country: string; tiers: readonly RepricingTier[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const [tier, setTier] = useState<RepricingTier>(tiers[0]!);
  const configs = useRepricingConfigs(tier);
  const { buyers, error: buyersError } = useBuyers(tier, tenantId);
  // The catalog names the configs' products; a reseller with several providers reads it as the first's.
  const providers = useCostProviders(tier);
  const catalog = useCatalog(country, providers.length > 1 ? { providerTenantId: providers[0]!.providerTenantId } : undefined);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RepricingConfig | null>(null);
  const remove = useDeleteRepricingConfig({ onSuccess: () => setDeleting(null) });
  const currentMonth = monthOf(new Date());

  const names = useMemo(() => {
    const items = catalog.data?.items ?? [];
    return {
      buyer: (id: string | null) => (id ? (buyers.find((b) => b.id === id)?.name ?? id) : tier === 'reseller' ? t('pricing.repricing.allResellers') : t('pricing.repricing.allCustomers')),
      target: (config: RepricingConfig) => {
        if (!config.productId) return t('pricing.allProducts');
        const product = items.find((i) => i.offerId === config.productId);
        if (!config.skuId) return product?.name ?? config.productId;
        const sku = items.find((i) => i.offerId === config.productId && i.skuId === config.skuId);
        return sku ? `${sku.name} ${sku.skuName}` : `${product?.name ?? config.productId} · ${config.skuId}`;
      },
    };
  }, [catalog.data, buyers, tier, t]);

  const adjustmentText = (config: RepricingConfig) => {
    if (config.unitPrice !== null && config.currency) return t('pricing.repricing.fixedAt', { price: format.amount(config.unitPrice, config.currency) });
    const points = basisPointsOf(config.percent ?? '') ?? 0;
    const percent = format.number(Math.abs(points) / 100);
    return points < 0 ? t('pricing.repricing.discountOf', { percent }) : t('pricing.repricing.markupOf', { percent });
  };

  return (
    <div data-testid="repricing-page">
      <PageHeader
        title={t('pricing.repricing.title')}
        description={tier === 'reseller' ? t('pricing.repricing.descriptionResellers') : t('pricing.repricing.descriptionCustomers')}
        actions={
          <>
            {/* PRC-4: this month's sheet of the tier: the caller's cost and each buyer's price. */}
            <Button as="a" href={priceSheetUrl({ tier, month: currentMonth })} download icon={<ArrowDownloadRegular />} data-testid="download-price-sheet">
              {t('pricing.priceSheet')}
            </Button>
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)} data-testid="create-config">
              {t('pricing.repricing.add')}
            </Button>
          </>
        }
      />
      {tiers.length > 1 ? (
        <Field label={t('pricing.repricing.tier')} className={styles.tier}>
          <Select value={tier} onChange={(_event, data) => setTier(data.value as RepricingTier)} data-testid="repricing-tier">
            <option value="reseller">{t('pricing.repricing.tierResellers')}</option>
            <option value="customer">{t('pricing.repricing.tierCustomers')}</option>
          </Select>
        </Field>
      ) : null}
      <ErrorBar error={configs.error ?? buyersError} testId="repricing-error" />
      <div className={styles.tableWrap}>
        {configs.isPending ? (
          <Loading />
        ) : (
          <DataTable<RepricingConfig>
            aria-label={t('pricing.repricing.title')}
            testId="repricing-configs"
            rows={configs.data?.items ?? []}
            rowId={(config) => config.id}
            rowProps={(config) => ({ 'data-config': `${names.buyer(config.buyerTenantId)}|${names.target(config)}|${config.effectiveMonth}` })}
            columns={[
              { id: 'scope', header: t('pricing.repricing.scope'), cell: (config) => names.buyer(config.buyerTenantId) },
              { id: 'target', header: t('pricing.repricing.target'), cell: (config) => names.target(config) },
              { id: 'basis', header: t('pricing.repricing.basis'), cell: (config) => (config.basis === 'cost' ? t('pricing.repricing.basisCost') : t('pricing.repricing.basisList')) },
              { id: 'adjustment', header: t('pricing.repricing.adjustment'), cellTestId: 'config-adjustment-cell', cell: (config) => adjustmentText(config) },
              { id: 'month', header: t('pricing.repricing.effectiveMonth'), cell: (config) => format.month(config.effectiveMonth) },
              {
                id: 'actions',
                header: null,
                headerLabel: t('pricing.actions'),
                // A config whose month has begun prices orders already: the server refuses to delete it.
                cell: (config) =>
                  config.effectiveMonth > currentMonth ? (
                    <Button size="small" appearance="subtle" icon={<DeleteRegular />} onClick={() => setDeleting(config)} data-testid="delete-config">
                      {t('pricing.remove')}
                    </Button>
                  ) : (
                    <Caption1 className={styles.secondary}>{t('pricing.repricing.inForce')}</Caption1>
                  ),
              },
            ]}
          />
        )}
        {configs.data?.items.length === 0 ? <div className={styles.empty}>{t('pricing.repricing.empty')}</div> : null}
      </div>
      {creating ? <ConfigDialog tier={tier} buyers={buyers} country={country} onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('pricing.repricing.deleteTitle')}
        message={deleting ? t('pricing.repricing.deleteMessage', { buyer: names.buyer(deleting.buyerTenantId), target: names.target(deleting), month: format.month(deleting.effectiveMonth) }) : ''}
        confirmLabel={t('pricing.remove')}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => setDeleting(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="delete-config-dialog"
      />
    </div>
  );
}

/** Repricing for a provider's resellers and a reseller's customers (global and billing admins). */
export default function Repricing() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const tiers: RepricingTier[] = [...(isProviderTenant(me?.memberships) ? (['reseller'] as const) : []), ...(isResellerTenant(me?.memberships) ? (['customer'] as const) : [])];
  return (
    <RequirePermission permission={PERMISSIONS.pricingManage}>
      {!me ? <Loading /> : tiers.length === 0 ? <Body1 data-testid="repricing-no-tier">{t('pricing.repricing.noTier')}</Body1> : <RepricingContent tenantId={me.tenant.id} country={me.tenant.country} tiers={tiers} />}
    </RequirePermission>
  );
}
