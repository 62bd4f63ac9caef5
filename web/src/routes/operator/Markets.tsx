import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
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
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, EditRegular, SearchRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import { useSaveMarket } from '../../api/operator';
import { useMarkets } from '../../api/channel';
import { useChannelLabels } from '../../channelLabels';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import type { Market, Region } from '@contracts/markets';

const ALL = 'all';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '960px' },
  filters: { display: 'flex', gap: '16px', alignItems: 'flex-end', flexWrap: 'wrap' },
  filter: { minWidth: '240px' },
  count: { color: tokens.colorNeutralForeground3 },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  code: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
});

const FIELD_PATHS = ['/regionId', '/currency'] as const;

/** A row of the table: a country's market and the region it is in. */
interface MarketRow {
  market: Market;
  region: Region;
}

function normalize(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase().trim();
}

/** Adds a country, moves it to another region or changes its currency (PUT /v1/operator/markets/{country}). */
function MarketDialog({
  market,
  adding,
  regions,
  onClose,
  onSaved,
}: {
  market: Market | null;
  adding: boolean;
  regions: readonly Region[];
  onClose(): void;
  onSaved(market: Market): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channel = useChannelLabels();
  const queryClient = useQueryClient();
  const open = adding || !!market;
  const [country, setCountry] = useState('');
  const [regionId, setRegionId] = useState('');
  const [currency, setCurrency] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const save = useSaveMarket({
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: keys.markets });
      onSaved(result);
    },
  });

  const { reset } = save;
  useEffect(() => {
    if (open) {
      setCountry(market?.country ?? '');
      setRegionId(market?.regionId ?? '');
      setCurrency(market?.currency ?? '');
      setSubmitted(false);
      reset();
    }
  }, [open, market, reset]);

  const clientErrors: Record<string, string | undefined> = {
    '/country': country ? undefined : t('validation.countryRequired'),
    '/regionId': regionId ? undefined : t('markets.regionRequired'),
    '/currency': /^[A-Z]{3}$/.test(currency) ? undefined : t('markets.currencyFormat'),
  };
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? fieldError(save.error, path);
  const fieldProps = (path: string) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const existing = adding ? regions.flatMap((region) => region.countries).find((item) => item.country === country) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    save.mutate({ country, regionId, currency });
  };

  const region = regions.find((item) => item.id === regionId);

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!data.open) onClose();
      }}
    >
      <DialogSurface aria-describedby={undefined} data-testid="market-dialog">
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{market ? t('markets.editTitle', { country: format.country(market.country) }) : t('markets.addTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              <ErrorBar error={save.error} fieldPaths={FIELD_PATHS} testId="market-save-error" />
              {adding ? (
                <Field label={t('markets.country')} required {...fieldProps('/country')}>
                  <CountryPicker
                    value={country}
                    onChange={(code) => {
                      setCountry(code);
                      const known = regions.flatMap((item) => item.countries).find((item) => item.country === code);
                      if (known) {
                        setRegionId(known.regionId);
                        setCurrency(known.currency);
                      }
                    }}
                    data-testid="market-country"
                  />
                </Field>
              ) : null}
              {existing ? (
                <MessageBar intent="info">
                  <MessageBarBody>{t('markets.alreadyListed', { region: channel.region(existing.regionId, regions.find((item) => item.id === existing.regionId)?.name) })}</MessageBarBody>
                </MessageBar>
              ) : null}
              <Field label={t('markets.region')} required {...fieldProps('/regionId')}>
                <Dropdown
                  value={region ? channel.region(region.id, region.name) : ''}
                  placeholder={t('markets.regionPlaceholder')}
                  selectedOptions={regionId ? [regionId] : []}
                  onOptionSelect={(_event, data) => setRegionId(data.optionValue ?? '')}
                  data-testid="market-region"
                >
                  {regions.map((item) => (
                    <Option key={item.id} value={item.id} text={channel.region(item.id, item.name)} data-testid={`market-region-${item.id}`}>
                      {channel.region(item.id, item.name)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Field label={t('markets.currency')} required hint={t('markets.currencyHint')} {...fieldProps('/currency')}>
                <Input
                  value={currency}
                  maxLength={3}
                  onChange={(_event, data) => setCurrency(data.value.toUpperCase())}
                  data-testid="market-currency"
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose} data-testid="market-cancel">
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="market-save">
                {t('common.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** MKT-1 … MKT-4: the CSP regions, the countries in each and their market currency. */
function MarketsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const channel = useChannelLabels();
  const canManage = usePermission(PERMISSIONS.operatorSettingsManage);
  const markets = useMarkets();
  const [regionFilter, setRegionFilter] = useState('');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Market | null>(null);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<Market | null>(null);

  const regions = useMemo(() => markets.data?.items ?? [], [markets.data]);
  const rows = useMemo((): MarketRow[] => {
    const needle = normalize(search);
    return regions
      .filter((region) => !regionFilter || region.id === regionFilter)
      .flatMap((region) => region.countries.map((market) => ({ market, region })))
      .filter(({ market }) => !needle || normalize(format.country(market.country)).includes(needle) || market.country.toLowerCase() === needle || market.currency.toLowerCase() === needle)
      .sort((a, b) => format.country(a.market.country).localeCompare(format.country(b.market.country), format.language));
  }, [regions, regionFilter, search, format]);

  if (markets.error) return <ErrorBar error={markets.error} testId="markets-error" />;
  if (markets.isPending) return <Loading />;

  return (
    <div className={styles.root}>
      {saved ? (
        <MessageBar intent="success" data-testid="market-saved">
          <MessageBarBody>
            {t('markets.saved', {
              country: format.country(saved.country),
              region: channel.region(saved.regionId, regions.find((item) => item.id === saved.regionId)?.name),
              currency: saved.currency,
            })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.filters}>
        <Field label={t('markets.search')}>
          <Input
            className={styles.filter}
            type="search"
            contentBefore={<SearchRegular />}
            value={search}
            onChange={(_event, data) => setSearch(data.value)}
            data-testid="markets-search"
          />
        </Field>
        <Field label={t('markets.region')}>
          <Dropdown
            className={styles.filter}
            value={regionFilter ? channel.region(regionFilter, regions.find((item) => item.id === regionFilter)?.name) : t('markets.allRegions')}
            selectedOptions={[regionFilter || ALL]}
            onOptionSelect={(_event, data) => setRegionFilter(data.optionValue === ALL ? '' : (data.optionValue ?? ''))}
            data-testid="markets-region-filter"
          >
            <Option value={ALL}>{t('markets.allRegions')}</Option>
            {regions.map((region) => (
              <Option key={region.id} value={region.id} text={channel.region(region.id, region.name)}>
                {`${channel.region(region.id, region.name)} (${format.number(region.countries.length)})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {canManage ? (
          <Button icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="market-add">
            {t('markets.add')}
          </Button>
        ) : null}
        <Caption1 className={styles.count} data-testid="markets-count">
          {t('markets.count', { formatted: format.number(rows.length) })}
        </Caption1>
      </div>
      <div className={styles.tableWrap}>
        <DataTable<MarketRow>
          aria-label={t('markets.title')}
          testId="markets-table"
          rows={rows}
          rowId={({ market }) => market.country}
          rowProps={({ market }) => ({ 'data-testid': `market-row-${market.country}` })}
          columns={[
            {
              id: 'country',
              header: t('markets.country'),
              cell: ({ market }) => (
                <>
                  {format.country(market.country)} <span className={styles.code}>{market.country}</span>
                </>
              ),
            },
            {
              id: 'region',
              header: t('markets.region'),
              cellTestId: ({ market }) => `market-row-${market.country}-region`,
              cell: ({ region }) => channel.region(region.id, region.name),
            },
            {
              id: 'currency',
              header: t('markets.currency'),
              cellTestId: ({ market }) => `market-row-${market.country}-currency`,
              cell: ({ market }) => market.currency,
            },
            ...(canManage
              ? [
                  {
                    id: 'actions',
                    header: t('markets.columnActions'),
                    cell: ({ market }: MarketRow) => (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<EditRegular />}
                        onClick={() => {
                          setSaved(null);
                          setEditing(market);
                        }}
                        data-testid={`market-edit-${market.country}`}
                      >
                        {t('markets.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {rows.length === 0 ? <div className={styles.empty}>{t('markets.empty')}</div> : null}
      </div>
      <MarketDialog
        market={editing}
        adding={adding}
        regions={regions}
        onClose={() => {
          setEditing(null);
          setAdding(false);
        }}
        onSaved={(market) => {
          setEditing(null);
          setAdding(false);
          setSaved(market);
        }}
      />
    </div>
  );
}

export default function Markets() {
  const { t } = useTranslation();
  return (
    <div data-testid="markets-page">
      <PageHeader title={t('markets.title')} description={t('markets.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSettingsRead}>
        <MarketsContent />
      </RequirePermission>
    </div>
  );
}
