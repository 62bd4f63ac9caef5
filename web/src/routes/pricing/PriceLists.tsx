// PRC-1: the operator's monthly price lists. The versions (month, status, effective from, entries); a
// coming month's draft, copied by the server from the version in force before it; a version's entries a
// page at a time (keyset paging as the API gives it), filtered by product and currency on the server and
// by term and billing cycle on the page shown; a draft's entries set or removed; a draft published after
// a confirmation (never changed again); the entries shown downloaded as CSV. After the list's own
// entries come the live marketplace plans (source marketplace: the publisher's price, less the partner
// discount of its offer type), shown but not edited here. Amounts stay decimal
// strings (PRC-5): formatted for the reader, sent and downloaded as the API has them.
import { useMemo, useState, type FormEvent } from 'react';
import { Badge, Body1, Button, Caption1, Field, Input, Select, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, DeleteRegular, EditRegular, SendRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Product } from '@contracts/commerce';
import type { PartnerDiscount, PriceList, PriceListEntry, PriceListEntryBody } from '@contracts/pricing';
import { useProducts } from '../../api/operator';
import {
  ENTRY_PAGE_SIZE,
  priceSheetUrl,
  useCreatePriceList,
  usePartnerDiscounts,
  usePriceList,
  usePriceListEntries,
  usePriceLists,
  usePublishPriceList,
  useSetPartnerDiscount,
  useSetPriceListEntries,
  type EntryFilters,
} from '../../api/pricing';
import { useChannelLabels } from '../../channelLabels';
import { useMarketplaceLabels } from '../marketplace/labels';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import { BILLING_CYCLES, TERM_DURATIONS, type BillingCycle, type TermDuration } from '../../values';
import { MONTH_PATTERN, monthOf, nextMonth } from './months';

const useStyles = makeStyles({
  tableWrap: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2, marginBottom: '20px' },
  empty: { padding: '24px', color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap', margin: '8px 0 12px' },
  sectionTitle: { flexGrow: 1 },
  filters: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: '12px' },
  filter: { minWidth: '160px' },
  paging: { display: 'flex', gap: '8px', alignItems: 'center', padding: '8px 12px' },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: '4px' },
  badge: { marginInlineStart: '6px' },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '12px' },
});

const ALL = '';
const entryKey = (e: Pick<PriceListEntry, 'source' | 'productId' | 'skuId' | 'termDuration' | 'billingCycle' | 'currency'>) =>
  [e.source, e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency].join('|');

/** The operator's products by ID, to name an entry's product and SKU. */
function useProductNames(products: readonly Product[] | undefined) {
  return useMemo(() => {
    const byId = new Map((products ?? []).map((product) => [product.id, product]));
    return {
      product: (id: string) => byId.get(id)?.name ?? id,
      sku: (productId: string, skuId: string) => byId.get(productId)?.skus.find((sku) => sku.skuId === skuId)?.name ?? skuId,
    };
  }, [products]);
}

/** The entries shown, as CSV: the API's own fields and decimal strings, one line each (RFC 4180 quoting). */
function entriesCsv(entries: readonly PriceListEntry[], names: ReturnType<typeof useProductNames>): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const header = ['source', 'productId', 'product', 'skuId', 'sku', 'termDuration', 'billingCycle', 'currency', 'listPrice', 'providerCost'];
  const lines = entries.map((e) => [e.source, e.productId, names.product(e.productId), e.skuId, names.sku(e.productId, e.skuId), e.termDuration, e.billingCycle, e.currency, e.listPrice, e.unitPrice]);
  return [header, ...lines].map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Prepares a month's draft; the month proposed is the first coming month without a version. */
function PrepareDialog({ proposed, onClose, onPrepared }: { proposed: string; onClose(): void; onPrepared(list: PriceList): void }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(proposed);
  const [submitted, setSubmitted] = useState(false);
  const create = useCreatePriceList({ onSuccess: onPrepared });
  const invalid = !MONTH_PATTERN.test(month);
  const error = submitted && invalid ? t('pricing.priceLists.monthInvalid') : fieldError(create.error, '/month');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!invalid) create.mutate(month);
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('pricing.priceLists.prepareTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="prepare-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="prepare-submit">
            {t('pricing.priceLists.prepareSubmit')}
          </Button>
        </>
      }
      testId="prepare-dialog"
    >
      <Body1>{t('pricing.priceLists.prepareDescription')}</Body1>
      <ErrorBar error={create.error} fieldPaths={['/month']} testId="prepare-error" />
      <Field label={t('pricing.priceLists.month')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
        <Input type="month" value={month} onChange={(_event, data) => setMonth(data.value)} data-testid="prepare-month" />
      </Field>
    </FormDialog>
  );
}

/** Sets one entry of a draft: a new one (product, SKU, term, cycle, currency) or an existing one's prices. */
function EntryDialog({ priceList, products, editing, onClose }: { priceList: PriceList; products: readonly Product[]; editing?: PriceListEntry; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const channel = useChannelLabels();
  const [productId, setProductId] = useState(editing?.productId ?? products[0]?.id ?? '');
  const product = products.find((p) => p.id === productId);
  const [skuId, setSkuId] = useState(editing?.skuId ?? product?.skus[0]?.skuId ?? '');
  const sku = product?.skus.find((s) => s.skuId === skuId);
  const [termDuration, setTermDuration] = useState<string>(editing?.termDuration ?? sku?.termDurations[0] ?? 'P1M');
  const [billingCycle, setBillingCycle] = useState<string>(editing?.billingCycle ?? 'monthly');
  const [currency, setCurrency] = useState(editing?.currency ?? 'EUR');
  const [listPrice, setListPrice] = useState(editing?.listPrice ?? '');
  const [unitPrice, setUnitPrice] = useState(editing?.unitPrice ?? '');
  const [submitted, setSubmitted] = useState(false);
  const set = useSetPriceListEntries(priceList.id, { onSuccess: () => onClose() });

  const required = (value: string) => (submitted && !value.trim() ? t('validation.required') : undefined);
  const errors = {
    productId: required(productId) ?? fieldError(set.error, '/entries/0/productId'),
    skuId: required(skuId) ?? fieldError(set.error, '/entries/0/skuId'),
    termDuration: fieldError(set.error, '/entries/0/termDuration'),
    billingCycle: fieldError(set.error, '/entries/0/billingCycle'),
    currency: (submitted && !/^[A-Z]{3}$/.test(currency) ? t('pricing.currencyInvalid') : undefined) ?? fieldError(set.error, '/entries/0/currency'),
    listPrice: required(listPrice) ?? fieldError(set.error, '/entries/0/listPrice'),
    unitPrice: required(unitPrice) ?? fieldError(set.error, '/entries/0/unitPrice'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!productId || !skuId || !/^[A-Z]{3}$/.test(currency) || !listPrice.trim() || !unitPrice.trim()) return;
    set.mutate([
      {
        productId,
        skuId,
        termDuration: termDuration as PriceListEntryBody['termDuration'],
        billingCycle: billingCycle as PriceListEntryBody['billingCycle'],
        currency,
        listPrice: listPrice.trim(),
        unitPrice: unitPrice.trim(),
      },
    ]);
  };
  const fixed = !!editing;
  const terms: readonly string[] = sku?.termDurations ?? TERM_DURATIONS;
  const cycles: readonly string[] = sku?.billingCycles ?? BILLING_CYCLES;
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={editing ? t('pricing.priceLists.editEntryTitle') : t('pricing.priceLists.addEntryTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="entry-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={set.isPending} data-testid="entry-submit">
            {t('common.save')}
          </Button>
        </>
      }
      testId="entry-dialog"
    >
      <ErrorBar error={set.error} fieldPaths={['/entries']} testId="entry-error" />
      <Field label={t('pricing.product')} required validationMessage={errors.productId} validationState={errors.productId ? 'error' : 'none'}>
        <Select
          value={productId}
          disabled={fixed}
          onChange={(_event, data) => {
            setProductId(data.value);
            const next = products.find((p) => p.id === data.value);
            setSkuId(next?.skus[0]?.skuId ?? '');
          }}
          data-testid="entry-product"
        >
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('pricing.sku')} required validationMessage={errors.skuId} validationState={errors.skuId ? 'error' : 'none'}>
        <Select value={skuId} disabled={fixed} onChange={(_event, data) => setSkuId(data.value)} data-testid="entry-sku">
          {(product?.skus ?? []).map((s) => (
            <option key={s.skuId} value={s.skuId}>
              {s.name} ({s.skuId})
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.grid}>
        <Field label={t('pricing.term')} validationMessage={errors.termDuration} validationState={errors.termDuration ? 'error' : 'none'}>
          <Select value={termDuration} disabled={fixed} onChange={(_event, data) => setTermDuration(data.value)} data-testid="entry-term">
            {terms.map((term) => (
              <option key={term} value={term}>
                {channel.termDuration(term)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('pricing.billingCycle')} validationMessage={errors.billingCycle} validationState={errors.billingCycle ? 'error' : 'none'}>
          <Select value={billingCycle} disabled={fixed} onChange={(_event, data) => setBillingCycle(data.value)} data-testid="entry-cycle">
            {cycles.map((cycle) => (
              <option key={cycle} value={cycle}>
                {channel.billingCycle(cycle)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t('pricing.currency')} required validationMessage={errors.currency} validationState={errors.currency ? 'error' : 'none'}>
        <Input value={currency} disabled={fixed} maxLength={3} onChange={(_event, data) => setCurrency(data.value.toUpperCase())} data-testid="entry-currency" />
      </Field>
      <div className={styles.grid}>
        <Field label={t('pricing.listPrice')} hint={t('pricing.amountHint')} required validationMessage={errors.listPrice} validationState={errors.listPrice ? 'error' : 'none'}>
          <Input value={listPrice} inputMode="decimal" onChange={(_event, data) => setListPrice(data.value)} data-testid="entry-list-price" />
        </Field>
        <Field label={t('pricing.providerCost')} required validationMessage={errors.unitPrice} validationState={errors.unitPrice ? 'error' : 'none'}>
          <Input value={unitPrice} inputMode="decimal" onChange={(_event, data) => setUnitPrice(data.value)} data-testid="entry-unit-price" />
        </Field>
      </div>
    </FormDialog>
  );
}

/** One version's entries: filters, a page at a time, edits of a draft, publication and the CSV. */
function PriceListDetail({ priceList, products }: { priceList: PriceList; products: readonly Product[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channel = useChannelLabels();
  const names = useProductNames(products);
  const canManage = usePermission(PERMISSIONS.priceListsManage);
  const [filters, setFilters] = useState<EntryFilters>({});
  const [currencyText, setCurrencyText] = useState('');
  const [term, setTerm] = useState<TermDuration | typeof ALL>(ALL);
  const [cycle, setCycle] = useState<BillingCycle | typeof ALL>(ALL);
  // Keyset paging: the pages before the one shown, by the URI that opened each (null: the first page).
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const pageUri = pages[pages.length - 1] ?? null;
  const entries = usePriceListEntries(priceList.id, filters, pageUri);
  const [dialog, setDialog] = useState<{ editing?: PriceListEntry } | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [removing, setRemoving] = useState<PriceListEntry | null>(null);
  const publish = usePublishPriceList({ onSuccess: () => setConfirmPublish(false) });
  const remove = useSetPriceListEntries(priceList.id, { onSuccess: () => setRemoving(null) });
  const draft = priceList.status === 'draft';
  const editable = draft && canManage;

  const applyFilters = (next: EntryFilters) => {
    setFilters(next);
    setPages([null]);
  };
  const shown = (entries.data?.items ?? []).filter((e) => (!term || e.termDuration === term) && (!cycle || e.billingCycle === cycle));
  const next = entries.data?.links.next?.uri;

  return (
    <section data-testid="price-list-detail" data-month={priceList.month} data-status={priceList.status}>
      <div className={styles.section}>
        <Subtitle2 as="h2" className={styles.sectionTitle} data-testid="price-list-title">
          {t('pricing.priceLists.entriesTitle', { month: format.month(priceList.month) })}
        </Subtitle2>
        {editable ? (
          <>
            <Button icon={<AddRegular />} onClick={() => setDialog({})} disabled={products.length === 0} data-testid="add-entry">
              {t('pricing.priceLists.addEntry')}
            </Button>
            <Button appearance="primary" icon={<SendRegular />} onClick={() => setConfirmPublish(true)} data-testid="publish-price-list">
              {t('pricing.priceLists.publish')}
            </Button>
          </>
        ) : null}
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={shown.length === 0}
          onClick={() => download(`price-list-${priceList.month}.csv`, entriesCsv(shown, names))}
          data-testid="download-entries"
        >
          {t('pricing.priceLists.downloadCsv')}
        </Button>
        {draft ? null : (
          <Button as="a" href={priceSheetUrl({ month: priceList.month })} download icon={<ArrowDownloadRegular />} data-testid="download-price-sheet">
            {t('pricing.priceSheet')}
          </Button>
        )}
      </div>
      <ErrorBar error={publish.error ?? remove.error} testId="price-list-action-error" />

      <div className={styles.filters}>
        <Field label={t('pricing.product')}>
          <Select className={styles.filter} value={filters.productId ?? ALL} onChange={(_event, data) => applyFilters({ ...filters, productId: data.value || undefined })} data-testid="filter-product">
            <option value={ALL}>{t('pricing.allProducts')}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('pricing.priceLists.source')}>
          <Select className={styles.filter} value={filters.source ?? ALL} onChange={(_event, data) => applyFilters({ ...filters, source: (data.value || undefined) as EntryFilters['source'] })} data-testid="filter-source">
            <option value={ALL}>{t('pricing.priceLists.allSources')}</option>
            <option value="priceList">{t('pricing.priceLists.sourcePriceList')}</option>
            <option value="marketplace">{t('pricing.priceLists.sourceMarketplace')}</option>
          </Select>
        </Field>
        <Field label={t('pricing.currency')} validationMessage={currencyText && !/^[A-Za-z]{3}$/.test(currencyText) ? t('pricing.currencyInvalid') : undefined}>
          <Input
            className={styles.filter}
            value={currencyText}
            maxLength={3}
            placeholder={t('pricing.allCurrencies')}
            onChange={(_event, data) => {
              const value = data.value.toUpperCase();
              setCurrencyText(value);
              if (value === '' || /^[A-Z]{3}$/.test(value)) applyFilters({ ...filters, currency: value || undefined });
            }}
            data-testid="filter-currency"
          />
        </Field>
        <Field label={t('pricing.term')}>
          <Select className={styles.filter} value={term} onChange={(_event, data) => setTerm(data.value as TermDuration)} data-testid="filter-term">
            <option value={ALL}>{t('pricing.allTerms')}</option>
            {TERM_DURATIONS.map((value) => (
              <option key={value} value={value}>
                {channel.termDuration(value)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('pricing.billingCycle')}>
          <Select className={styles.filter} value={cycle} onChange={(_event, data) => setCycle(data.value as BillingCycle)} data-testid="filter-cycle">
            <option value={ALL}>{t('pricing.allCycles')}</option>
            {BILLING_CYCLES.map((value) => (
              <option key={value} value={value}>
                {channel.billingCycle(value)}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <ErrorBar error={entries.error} testId="entries-error" />
      <div className={styles.tableWrap}>
        {entries.isPending ? (
          <Loading />
        ) : (
          <DataTable<PriceListEntry>
            aria-label={t('pricing.priceLists.entriesTitle', { month: format.month(priceList.month) })}
            testId="price-list-entries"
            size="small"
            rows={shown}
            rowId={entryKey}
            rowProps={(e) => ({ 'data-entry': `${names.product(e.productId)}|${e.skuId}|${e.termDuration}|${e.billingCycle}|${e.currency}` })}
            columns={[
              {
                id: 'product',
                header: t('pricing.product'),
                cell: (e) => (
                  <>
                    <Text>{names.product(e.productId)}</Text>
                    {e.source === 'marketplace' ? (
                      <Badge appearance="tint" color="informative" size="small" className={styles.badge}>
                        {t('pricing.priceLists.sourceMarketplace')}
                      </Badge>
                    ) : null}
                    <Caption1 className={styles.secondary}>
                      {names.sku(e.productId, e.skuId)} · <span className={styles.mono}>{e.skuId}</span>
                    </Caption1>
                  </>
                ),
              },
              { id: 'term', header: t('pricing.term'), cell: (e) => channel.termDuration(e.termDuration) },
              { id: 'cycle', header: t('pricing.billingCycle'), cell: (e) => channel.billingCycle(e.billingCycle) },
              { id: 'currency', header: t('pricing.currency'), cell: (e) => e.currency },
              { id: 'list', header: t('pricing.listPrice'), cellClassName: styles.amount, cellTestId: 'entry-list', cell: (e) => format.amount(e.listPrice, e.currency) },
              { id: 'cost', header: t('pricing.providerCost'), cellClassName: styles.amount, cellTestId: 'entry-cost', cell: (e) => format.amount(e.unitPrice, e.currency) },
              ...(editable
                ? [
                    {
                      id: 'actions',
                      header: null,
                      headerLabel: t('pricing.actions'),
                      // A marketplace plan's prices are its publisher's, less the partner discount: not the list's to edit.
                      cell: (e: PriceListEntry) =>
                        e.source === 'marketplace' ? null : (
                          <div className={styles.actions}>
                            <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setDialog({ editing: e })} data-testid="edit-entry">
                              {t('pricing.edit')}
                            </Button>
                            <Button size="small" appearance="subtle" icon={<DeleteRegular />} onClick={() => setRemoving(e)} data-testid="remove-entry">
                              {t('pricing.remove')}
                            </Button>
                          </div>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {!entries.isPending && shown.length === 0 ? <div className={styles.empty}>{t('pricing.priceLists.noEntries')}</div> : null}
        <div className={styles.paging}>
          <Button size="small" disabled={pages.length <= 1} onClick={() => setPages(pages.slice(0, -1))} data-testid="entries-previous">
            {t('pricing.previousPage')}
          </Button>
          <Button size="small" disabled={!next} onClick={() => next && setPages([...pages, next])} data-testid="entries-next">
            {t('pricing.nextPage')}
          </Button>
          <Caption1 data-testid="entries-count">
            {t('pricing.priceLists.pageCount', { page: pages.length, count: entries.data?.totalCount ?? 0, size: ENTRY_PAGE_SIZE })}
          </Caption1>
        </div>
      </div>

      {dialog ? <EntryDialog key={dialog.editing ? entryKey(dialog.editing) : 'new'} priceList={priceList} products={products} editing={dialog.editing} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={confirmPublish}
        title={t('pricing.priceLists.publishTitle', { month: format.month(priceList.month) })}
        message={t('pricing.priceLists.publishMessage', { date: format.day(priceList.effectiveFrom.slice(0, 10)), count: priceList.entryCount })}
        confirmLabel={t('pricing.priceLists.publish')}
        onConfirm={() => publish.mutate(priceList.id)}
        onCancel={() => setConfirmPublish(false)}
        pending={publish.isPending}
        error={publish.error}
        testId="publish-dialog"
      />
      <ConfirmDialog
        open={removing !== null}
        title={t('pricing.priceLists.removeTitle')}
        message={removing ? t('pricing.priceLists.removeMessage', { product: `${names.product(removing.productId)} ${names.sku(removing.productId, removing.skuId)}`, term: channel.termDuration(removing.termDuration), cycle: channel.billingCycle(removing.billingCycle), currency: removing.currency }) : ''}
        confirmLabel={t('pricing.remove')}
        onConfirm={() => removing && remove.mutate([{ productId: removing.productId, skuId: removing.skuId, termDuration: removing.termDuration as PriceListEntryBody['termDuration'], billingCycle: removing.billingCycle as PriceListEntryBody['billingCycle'], currency: removing.currency, remove: true }])}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="remove-entry-dialog"
      />
    </section>
  );
}

const PERCENT = /^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$/;

/** Changes an offer type's partner discount. */
function DiscountDialog({ discount, onClose }: { discount: PartnerDiscount; onClose(): void }) {
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const [percent, setPercent] = useState(discount.percent);
  const [submitted, setSubmitted] = useState(false);
  const set = useSetPartnerDiscount({ onSuccess: () => onClose() });
  const error = (submitted && !PERCENT.test(percent.trim()) ? t('pricing.discounts.percentInvalid') : undefined) ?? fieldError(set.error, '/percent');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (PERCENT.test(percent.trim())) set.mutate({ offerType: discount.offerType, body: { percent: percent.trim() } });
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('pricing.discounts.editTitle', { type: labels.offerType(discount.offerType) })}
      actions={
        <>
          <Button onClick={onClose} data-testid="discount-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={set.isPending} data-testid="discount-submit">
            {t('common.save')}
          </Button>
        </>
      }
      testId="discount-dialog"
    >
      <Body1>{t('pricing.discounts.editDescription')}</Body1>
      <ErrorBar error={set.error} fieldPaths={['/percent']} testId="discount-error" />
      <Field label={t('pricing.discounts.percent')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
        <Input value={percent} inputMode="decimal" contentAfter="%" onChange={(_event, data) => setPercent(data.value)} data-testid="discount-percent" />
      </Field>
    </FormDialog>
  );
}

/** PRC-1: the partner discount per marketplace offer type: a plan's provider cost is its price less it. */
function PartnerDiscountsSection() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useMarketplaceLabels();
  const discounts = usePartnerDiscounts();
  const canManage = usePermission(PERMISSIONS.priceListsManage);
  const [editing, setEditing] = useState<PartnerDiscount | null>(null);
  return (
    <section data-testid="partner-discounts">
      <div className={styles.section}>
        <Subtitle2 as="h2" className={styles.sectionTitle}>
          {t('pricing.discounts.title')}
        </Subtitle2>
      </div>
      <Caption1 className={styles.secondary}>{t('pricing.discounts.description')}</Caption1>
      <ErrorBar error={discounts.error} testId="partner-discounts-error" />
      <div className={styles.tableWrap}>
        {discounts.isPending ? (
          <Loading />
        ) : (
          <DataTable<PartnerDiscount>
            aria-label={t('pricing.discounts.title')}
            size="small"
            rows={discounts.data?.items ?? []}
            rowId={(d) => d.offerType}
            rowProps={(d) => ({ 'data-offer-type': d.offerType })}
            columns={[
              { id: 'type', header: t('pricing.discounts.offerType'), cell: (d) => labels.offerType(d.offerType) },
              { id: 'percent', header: t('pricing.discounts.percent'), cellTestId: 'discount-value', cell: (d) => t('pricing.discounts.value', { percent: format.number(Number(d.percent)) }) },
              { id: 'updatedAt', header: t('pricing.discounts.updatedAt'), cell: (d) => (d.updatedAt ? format.dateTime(d.updatedAt) : '—') },
              ...(canManage
                ? [
                    {
                      id: 'actions',
                      header: null,
                      headerLabel: t('pricing.actions'),
                      cell: (d: PartnerDiscount) => (
                        <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setEditing(d)} data-testid="edit-discount">
                          {t('pricing.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </div>
      {editing ? <DiscountDialog key={editing.offerType} discount={editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function PriceListsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const lists = usePriceLists();
  const products = useProducts();
  const canManage = usePermission(PERMISSIONS.priceListsManage);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  // The version opened (read on its own: it may be on a page of versions not loaded yet).
  const opened = usePriceList(selectedId);

  if (lists.error) return <ErrorBar error={lists.error} testId="price-lists-error" />;
  if (lists.isPending) return <Loading />;
  const versions = lists.data.pages.flatMap((page) => page.items);
  const selected = (selectedId ? (opened.data ?? versions.find((list) => list.id === selectedId)) : undefined) ?? (selectedId ? undefined : versions[0]);
  // The first coming month without a version (a draft for the current month is refused once one is in force).
  let proposed = nextMonth(monthOf(new Date()));
  while (versions.some((list) => list.month === proposed)) proposed = nextMonth(proposed);

  return (
    <div data-testid="price-lists-page">
      <PageHeader
        title={t('pricing.priceLists.title')}
        description={t('pricing.priceLists.description')}
        actions={
          canManage ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setPreparing(true)} data-testid="prepare-price-list">
              {t('pricing.priceLists.prepare')}
            </Button>
          ) : undefined
        }
      />
      <ErrorBar error={products.error} testId="products-error" />
      <div className={styles.tableWrap}>
        <DataTable<PriceList>
          aria-label={t('pricing.priceLists.versions')}
          testId="price-list-versions"
          size="small"
          rows={versions}
          rowId={(list) => list.id}
          rowProps={(list) => ({ 'data-month': list.month, 'data-status': list.status, 'aria-selected': list.id === selected?.id })}
          columns={[
            { id: 'month', header: t('pricing.priceLists.month'), cell: (list) => <Text weight={list.id === selected?.id ? 'semibold' : 'regular'}>{format.month(list.month)}</Text> },
            {
              id: 'status',
              header: t('pricing.priceLists.status'),
              cell: (list) => (
                <Badge appearance="tint" color={list.status === 'published' ? 'success' : 'warning'} data-testid={`price-list-status-${list.month}`}>
                  {list.status === 'published' ? t('pricing.priceLists.published') : t('pricing.priceLists.draft')}
                </Badge>
              ),
            },
            { id: 'effectiveFrom', header: t('pricing.priceLists.effectiveFrom'), cell: (list) => format.day(list.effectiveFrom.slice(0, 10)) },
            { id: 'entries', header: t('pricing.priceLists.entryCount'), cell: (list) => format.number(list.entryCount), cellTestId: (list) => `price-list-count-${list.month}` },
            { id: 'publishedAt', header: t('pricing.priceLists.publishedAt'), cell: (list) => (list.publishedAt ? format.dateTime(list.publishedAt) : '—') },
            {
              id: 'open',
              header: null,
              headerLabel: t('pricing.actions'),
              cell: (list) => (
                <Button size="small" appearance={list.id === selected?.id ? 'primary' : 'subtle'} onClick={() => setSelectedId(list.id)} data-testid={`open-price-list-${list.month}`}>
                  {t('pricing.priceLists.open')}
                </Button>
              ),
            },
          ]}
        />
        {versions.length === 0 ? <div className={styles.empty}>{t('pricing.priceLists.empty')}</div> : null}
        {lists.hasNextPage ? (
          <div className={styles.paging}>
            <Button size="small" disabled={lists.isFetchingNextPage} onClick={() => void lists.fetchNextPage()} data-testid="versions-more">
              {t('pricing.priceLists.olderVersions')}
            </Button>
          </div>
        ) : null}
      </div>
      {selected ? <PriceListDetail key={selected.id} priceList={selected} products={products.data?.items ?? []} /> : null}
      <PartnerDiscountsSection />
      {preparing ? (
        <PrepareDialog
          proposed={proposed}
          onClose={() => setPreparing(false)}
          onPrepared={(list) => {
            setSelectedId(list.id);
            setPreparing(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** The operator's price lists (operator roles read them; the operator's admins prepare and publish). */
export default function PriceLists() {
  return (
    <RequirePermission permission={PERMISSIONS.priceListsRead}>
      <PriceListsContent />
    </RequirePermission>
  );
}
