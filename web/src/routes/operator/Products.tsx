import { useEffect, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  TableCellLayout,
  Text,
  Textarea,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import { useProducts, useSaveProduct } from '../../api/operator';
import { useChannelLabels } from '../../channelLabels';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import type { Product } from '@contracts/commerce';
import { BILLING_CYCLES, TERM_DURATIONS } from '../../values';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  badges: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  paths: { display: 'flex', flexDirection: 'column', gap: '2px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  surface: { maxWidth: '880px', width: '100%' },
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  sku: {
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  skuHeader: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '10px', alignItems: 'start' },
  checks: { display: 'flex', gap: '4px 16px', flexWrap: 'wrap' },
  price: { display: 'grid', gridTemplateColumns: '120px 180px 40px', gap: '8px', alignItems: 'start' },
  priceInput: { minWidth: 0, width: '100%' },
  path: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr) 40px', gap: '8px', alignItems: 'center' },
  pathControl: { minWidth: 0, width: '100%', boxSizing: 'border-box' },
});

interface PriceForm {
  key: number;
  currency: string;
  unitPrice: string;
}

interface SkuForm {
  key: number;
  skuId: string;
  name: string;
  termDurations: string[];
  billingCycles: string[];
  prices: PriceForm[];
}

/** TRM-5: an upgrade path between two SKUs of the form, by their form keys (so that it follows a SKU whose ID is edited). */
interface UpgradePathForm {
  key: number;
  from: number | null;
  to: number | null;
}

let nextKey = 1;
const emptySku = (): SkuForm => ({ key: nextKey++, skuId: '', name: '', termDurations: ['P1Y'], billingCycles: ['monthly'], prices: [{ key: nextKey++, currency: 'USD', unitPrice: '' }] });

function parsePrice(value: string): number {
  return Number(value.trim().replace(',', '.'));
}

/**
 * Adds or replaces a product: SKUs with terms, billing cycles and a price per currency, the markets it is
 * sold in (ORD-1), and the upgrade paths between its SKUs (TRM-5: the server refuses one that repeats or
 * leads back, at its row).
 */
function ProductDialog({ product, open, onClose }: { product: Product | null; open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChannelLabels();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [markets, setMarkets] = useState('');
  const [skus, setSkus] = useState<SkuForm[]>([]);
  const [paths, setPaths] = useState<UpgradePathForm[]>([]);
  const [submitted, setSubmitted] = useState(false);

  const save = useSaveProduct(product, {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.operator.products });
      onClose();
    },
  });

  const { reset } = save;
  useEffect(() => {
    if (!open) return;
    setName(product?.name ?? '');
    setDescription(product?.description ?? '');
    setMarkets((product?.markets ?? []).join(', '));
    const skuForms = product
      ? product.skus.map((sku) => ({
          key: nextKey++,
          skuId: sku.skuId,
          name: sku.name,
          termDurations: [...sku.termDurations],
          billingCycles: [...sku.billingCycles],
          prices: sku.prices.map((price) => ({ key: nextKey++, currency: price.currency, unitPrice: String(price.unitPrice) })),
        }))
      : [emptySku()];
    const keyOf = (skuId: string) => skuForms.find((sku) => sku.skuId === skuId)?.key ?? null;
    setSkus(skuForms);
    setPaths((product?.upgradePaths ?? []).map((path) => ({ key: nextKey++, from: keyOf(path.fromSkuId), to: keyOf(path.toSkuId) })));
    setSubmitted(false);
    reset();
  }, [open, product, reset]);

  const marketCodes = markets
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  const updateSku = (key: number, change: Partial<SkuForm>) => setSkus((current) => current.map((sku) => (sku.key === key ? { ...sku, ...change } : sku)));
  const updatePath = (key: number, change: Partial<UpgradePathForm>) => setPaths((current) => current.map((path) => (path.key === key ? { ...path, ...change } : path)));
  /** A SKU removed takes its upgrade paths with it. */
  const removeSku = (key: number) => {
    setSkus((current) => current.filter((item) => item.key !== key));
    setPaths((current) => current.filter((path) => path.from !== key && path.to !== key));
  };
  const skuLabel = (key: number | null) => {
    const sku = skus.find((item) => item.key === key);
    if (!sku) return '';
    const name = sku.name.trim();
    return name && sku.skuId && name !== sku.skuId ? `${name} (${sku.skuId})` : name || sku.skuId || t('products.skuNumber', { number: format.number(skus.indexOf(sku) + 1) });
  };
  const toggle = (list: string[], value: string, checked: boolean) => (checked ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value));

  const clientErrors: Record<string, string | undefined> = {};
  if (!name.trim()) clientErrors['/name'] = t('validation.required');
  if (marketCodes.length === 0) clientErrors['/markets'] = t('products.marketsRequired');
  else if (marketCodes.some((code) => !/^[A-Z]{2}$/.test(code))) clientErrors['/markets'] = t('products.marketsFormat');
  if (skus.length === 0) clientErrors['/skus'] = t('products.skusRequired');
  skus.forEach((sku, index) => {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(sku.skuId)) clientErrors[`/skus/${index}/skuId`] = t('products.skuIdFormat');
    if (!sku.name.trim()) clientErrors[`/skus/${index}/name`] = t('validation.required');
    if (sku.termDurations.length === 0) clientErrors[`/skus/${index}/termDurations`] = t('products.chooseOne');
    if (sku.billingCycles.length === 0) clientErrors[`/skus/${index}/billingCycles`] = t('products.chooseOne');
    if (sku.prices.length === 0) clientErrors[`/skus/${index}/prices`] = t('products.pricesRequired');
    sku.prices.forEach((price, priceIndex) => {
      if (!/^[A-Z]{3}$/.test(price.currency)) clientErrors[`/skus/${index}/prices/${priceIndex}/currency`] = t('markets.currencyFormat');
      const value = parsePrice(price.unitPrice);
      if (!price.unitPrice.trim() || Number.isNaN(value) || value < 0) clientErrors[`/skus/${index}/prices/${priceIndex}/unitPrice`] = t('products.priceFormat');
    });
  });
  paths.forEach((path, index) => {
    if (path.from === null || path.to === null) clientErrors[`/upgradePaths/${index}`] = t('products.upgradePathChoose');
    else if (path.from === path.to) clientErrors[`/upgradePaths/${index}`] = t('products.upgradePathSame');
  });
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? fieldError(save.error, path);
  const fieldProps = (path: string) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return;
    save.mutate({
      name: name.trim(),
      description,
      markets: [...new Set(marketCodes)],
      skus: skus.map((sku) => ({
        skuId: sku.skuId,
        name: sku.name.trim(),
        termDurations: TERM_DURATIONS.filter((term) => sku.termDurations.includes(term)),
        billingCycles: BILLING_CYCLES.filter((cycle) => sku.billingCycles.includes(cycle)),
        prices: sku.prices.map((price) => ({ currency: price.currency, unitPrice: parsePrice(price.unitPrice) })),
      })),
      // In the rows' order, so that a refusal's /upgradePaths/N is row N.
      upgradePaths: paths.map((path) => ({ fromSkuId: skus.find((sku) => sku.key === path.from)!.skuId, toSkuId: skus.find((sku) => sku.key === path.to)!.skuId })),
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!data.open) onClose();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined} data-testid="product-dialog">
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{product ? t('products.editTitle', { name: product.name }) : t('products.addTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              <ErrorBar error={save.error} fieldPaths={['/name', '/description', '/markets', '/skus', '/upgradePaths']} testId="product-save-error" />
              <Field label={t('products.name')} required {...fieldProps('/name')}>
                <Input value={name} maxLength={200} onChange={(_event, data) => setName(data.value)} data-testid="product-name" />
              </Field>
              <Field label={t('products.descriptionLabel')} {...fieldProps('/description')}>
                <Textarea value={description} resize="vertical" onChange={(_event, data) => setDescription(data.value)} data-testid="product-description" />
              </Field>
              <Field
                label={t('products.markets')}
                required
                hint={marketCodes.length ? marketCodes.filter((code) => /^[A-Z]{2}$/.test(code)).map((code) => format.country(code)).join(', ') : t('products.marketsHint')}
                {...fieldProps('/markets')}
              >
                <Input value={markets} onChange={(_event, data) => setMarkets(data.value)} placeholder="FR, DE, US" data-testid="product-markets" />
              </Field>
              <Field label={t('products.skus')} {...fieldProps('/skus')}>
                <div className={styles.form}>
                  {skus.map((sku, index) => (
                    <div key={sku.key} className={styles.sku} data-testid={`product-sku-${index}`}>
                      <div className={styles.skuHeader}>
                        <Text weight="semibold">{t('products.skuNumber', { number: format.number(index + 1) })}</Text>
                        <Tooltip content={t('products.removeSku')} relationship="label">
                          <Button
                            appearance="subtle"
                            icon={<DeleteRegular />}
                            disabled={skus.length === 1}
                            onClick={() => removeSku(sku.key)}
                            data-testid={`product-sku-${index}-remove`}
                          />
                        </Tooltip>
                      </div>
                      <div className={styles.row}>
                        <Field label={t('products.skuId')} required {...fieldProps(`/skus/${index}/skuId`)}>
                          <Input value={sku.skuId} maxLength={64} onChange={(_event, data) => updateSku(sku.key, { skuId: data.value })} data-testid={`product-sku-${index}-id`} />
                        </Field>
                        <Field label={t('products.skuName')} required {...fieldProps(`/skus/${index}/name`)}>
                          <Input value={sku.name} maxLength={200} onChange={(_event, data) => updateSku(sku.key, { name: data.value })} data-testid={`product-sku-${index}-name`} />
                        </Field>
                      </div>
                      <div className={styles.row}>
                        <Field label={t('products.terms')} {...fieldProps(`/skus/${index}/termDurations`)}>
                          <div className={styles.checks}>
                            {TERM_DURATIONS.map((term) => (
                              <Checkbox
                                key={term}
                                checked={sku.termDurations.includes(term)}
                                onChange={(_event, data) => updateSku(sku.key, { termDurations: toggle(sku.termDurations, term, data.checked === true) })}
                                label={labels.termDuration(term)}
                                data-testid={`product-sku-${index}-term-${term}`}
                              />
                            ))}
                          </div>
                        </Field>
                        <Field label={t('products.cycles')} {...fieldProps(`/skus/${index}/billingCycles`)}>
                          <div className={styles.checks}>
                            {BILLING_CYCLES.map((cycle) => (
                              <Checkbox
                                key={cycle}
                                checked={sku.billingCycles.includes(cycle)}
                                onChange={(_event, data) => updateSku(sku.key, { billingCycles: toggle(sku.billingCycles, cycle, data.checked === true) })}
                                label={labels.billingCycle(cycle)}
                                data-testid={`product-sku-${index}-cycle-${cycle}`}
                              />
                            ))}
                          </div>
                        </Field>
                      </div>
                      <Field label={t('products.prices')} hint={t('products.pricesHint')} {...fieldProps(`/skus/${index}/prices`)}>
                        <div className={styles.form}>
                          {sku.prices.map((price, priceIndex) => (
                            <div key={price.key} className={styles.price}>
                              <Field {...fieldProps(`/skus/${index}/prices/${priceIndex}/currency`)}>
                                <Input
                                  className={styles.priceInput}
                                  value={price.currency}
                                  maxLength={3}
                                  aria-label={t('markets.currency')}
                                  onChange={(_event, data) =>
                                    updateSku(sku.key, { prices: sku.prices.map((item) => (item.key === price.key ? { ...item, currency: data.value.toUpperCase() } : item)) })
                                  }
                                  data-testid={`product-sku-${index}-price-${priceIndex}-currency`}
                                />
                              </Field>
                              <Field {...fieldProps(`/skus/${index}/prices/${priceIndex}/unitPrice`)}>
                                <Input
                                  className={styles.priceInput}
                                  value={price.unitPrice}
                                  inputMode="decimal"
                                  aria-label={t('products.unitPrice')}
                                  onChange={(_event, data) =>
                                    updateSku(sku.key, { prices: sku.prices.map((item) => (item.key === price.key ? { ...item, unitPrice: data.value } : item)) })
                                  }
                                  data-testid={`product-sku-${index}-price-${priceIndex}-amount`}
                                />
                              </Field>
                              <Tooltip content={t('products.removePrice')} relationship="label">
                                <Button
                                  appearance="subtle"
                                  icon={<DeleteRegular />}
                                  disabled={sku.prices.length === 1}
                                  onClick={() => updateSku(sku.key, { prices: sku.prices.filter((item) => item.key !== price.key) })}
                                />
                              </Tooltip>
                            </div>
                          ))}
                          <div>
                            <Button
                              size="small"
                              icon={<AddRegular />}
                              onClick={() => updateSku(sku.key, { prices: [...sku.prices, { key: nextKey++, currency: '', unitPrice: '' }] })}
                              data-testid={`product-sku-${index}-add-price`}
                            >
                              {t('products.addPrice')}
                            </Button>
                          </div>
                        </div>
                      </Field>
                    </div>
                  ))}
                  <div>
                    <Button icon={<AddRegular />} onClick={() => setSkus((current) => [...current, emptySku()])} data-testid="product-add-sku">
                      {t('products.addSku')}
                    </Button>
                  </div>
                </div>
              </Field>
              <Field label={t('products.upgradePaths')} hint={t('products.upgradePathsHint')}>
                <div className={styles.form} data-testid="product-upgrade-paths">
                  {paths.map((path, index) => (
                    <Field key={path.key} {...fieldProps(`/upgradePaths/${index}`)} data-testid={`product-upgrade-path-${index}`}>
                      <div className={styles.path}>
                        <Dropdown
                          className={styles.pathControl}
                          id={`product-upgrade-path-${path.key}-from`}
                          aria-label={t('products.upgradeFrom')}
                          placeholder={t('products.upgradeFrom')}
                          value={skuLabel(path.from)}
                          selectedOptions={path.from === null ? [] : [String(path.from)]}
                          onOptionSelect={(_event, data) => updatePath(path.key, { from: Number(data.optionValue) })}
                          data-testid={`product-upgrade-path-${index}-from`}
                        >
                          {skus.map((sku, skuIndex) => (
                            <Option key={sku.key} value={String(sku.key)} text={skuLabel(sku.key)} data-testid={`product-upgrade-path-${index}-from-${skuIndex}`}>
                              {skuLabel(sku.key)}
                            </Option>
                          ))}
                        </Dropdown>
                        <Text aria-hidden>→</Text>
                        <Dropdown
                          className={styles.pathControl}
                          id={`product-upgrade-path-${path.key}-to`}
                          aria-label={t('products.upgradeTo')}
                          placeholder={t('products.upgradeTo')}
                          value={skuLabel(path.to)}
                          selectedOptions={path.to === null ? [] : [String(path.to)]}
                          onOptionSelect={(_event, data) => updatePath(path.key, { to: Number(data.optionValue) })}
                          data-testid={`product-upgrade-path-${index}-to`}
                        >
                          {skus.map((sku, skuIndex) => (
                            <Option key={sku.key} value={String(sku.key)} text={skuLabel(sku.key)} data-testid={`product-upgrade-path-${index}-to-${skuIndex}`}>
                              {skuLabel(sku.key)}
                            </Option>
                          ))}
                        </Dropdown>
                        <Tooltip content={t('products.removeUpgradePath')} relationship="label">
                          <Button
                            appearance="subtle"
                            icon={<DeleteRegular />}
                            onClick={() => setPaths((current) => current.filter((item) => item.key !== path.key))}
                            data-testid={`product-upgrade-path-${index}-remove`}
                          />
                        </Tooltip>
                      </div>
                    </Field>
                  ))}
                  <div>
                    <Button
                      size="small"
                      icon={<AddRegular />}
                      disabled={skus.length < 2}
                      onClick={() => setPaths((current) => [...current, { key: nextKey++, from: null, to: null }])}
                      data-testid="product-add-upgrade-path"
                    >
                      {t('products.addUpgradePath')}
                    </Button>
                  </div>
                </div>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose} data-testid="product-cancel">
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="product-save">
                {t('common.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** ORD-1: the operator's own products in the catalog. */
function ProductsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const [editing, setEditing] = useState<Product | null>(null);
  const [adding, setAdding] = useState(false);
  const products = useProducts();

  if (products.error) return <ErrorBar error={products.error} testId="products-error" />;
  if (products.isPending) return <Loading />;
  const items = products.data.items;

  return (
    <div className={styles.root}>
      {canManage ? (
        <div>
          <Button appearance="primary" icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="product-add">
            {t('products.add')}
          </Button>
        </div>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{t('products.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.tableWrap}>
        <DataTable<Product>
          aria-label={t('products.title')}
          testId="products-table"
          rows={items}
          rowId={(product) => product.id}
          rowProps={(product) => ({ 'data-testid': `product-row-${product.id}` })}
          columns={[
            {
              id: 'name',
              header: t('products.name'),
              cell: (product) => (
                <TableCellLayout>
                  <Text weight="semibold">{product.name}</Text>
                  <Caption1 className={styles.secondary}>{product.description}</Caption1>
                </TableCellLayout>
              ),
            },
            {
              id: 'skus',
              header: t('products.skus'),
              cell: (product) => (
                <span className={styles.badges}>
                  {product.skus.map((sku) => (
                    <Badge key={sku.skuId} appearance="outline" shape="rounded">
                      {sku.name}
                    </Badge>
                  ))}
                </span>
              ),
            },
            {
              id: 'upgradePaths',
              header: t('products.upgradePaths'),
              cell: (product) => {
                const name = (skuId: string) => product.skus.find((sku) => sku.skuId === skuId)?.name ?? skuId;
                return product.upgradePaths.length === 0 ? (
                  t('common.emptyValue')
                ) : (
                  <span className={styles.paths} data-testid={`product-row-${product.id}-upgrade-paths`}>
                    {product.upgradePaths.map((path) => (
                      <span key={`${path.fromSkuId}>${path.toSkuId}`}>{t('products.upgradePathLabel', { from: name(path.fromSkuId), to: name(path.toSkuId) })}</span>
                    ))}
                  </span>
                );
              },
            },
            {
              id: 'markets',
              header: t('products.markets'),
              cell: (product) => (
                <Tooltip content={product.markets.map((code) => format.country(code)).join(', ')} relationship="description">
                  <span>{t('products.marketCount', { formatted: format.number(product.markets.length) })}</span>
                </Tooltip>
              ),
            },
            { id: 'updated', header: t('products.updated'), cell: (product) => format.date(product.updatedAt) },
            ...(canManage
              ? [
                  {
                    id: 'actions',
                    header: t('markets.columnActions'),
                    cell: (product: Product) => (
                      <Button size="small" appearance="subtle" icon={<EditRegular />} onClick={() => setEditing(product)} data-testid={`product-edit-${product.id}`}>
                        {t('markets.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {items.length === 0 ? <div className={styles.empty}>{t('products.empty')}</div> : null}
      </div>
      <ProductDialog
        product={editing}
        open={adding || !!editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </div>
  );
}

export default function Products() {
  const { t } = useTranslation();
  return (
    <div data-testid="products-page">
      <PageHeader title={t('products.title')} description={t('products.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
        <ProductsContent />
      </RequirePermission>
    </div>
  );
}
