import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Link,
  Option,
  TableCellLayout,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { GlobeRegular, MailRegular, PhoneRegular, SearchRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useProviderDirectory } from '../../api/relationships';
import { useMarkets } from '../../api/channel';
import { useChannelLabels } from '../../channelLabels';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { useEnrollmentLabels } from '../../labels';
import { PERMISSIONS } from '../../permissions';
import type { DirectoryProvider } from '@contracts/relationships';
import { SERVICES_OFFERED } from '../../values';

const ALL = 'all';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '16px', alignItems: 'flex-start', flexWrap: 'wrap', marginBottom: '12px' },
  filter: { minWidth: '220px' },
  count: { color: tokens.colorNeutralForeground3, alignSelf: 'center' },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  secondary: { color: tokens.colorNeutralForeground3, display: 'block' },
  services: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  contact: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBlock: '6px' },
  contactLine: { display: 'inline-flex', gap: '6px', alignItems: 'center' },
  more: { display: 'flex', justifyContent: 'center', padding: '12px' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

/** A website as a link (the profile may hold it without a scheme). */
function websiteHref(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

/** REL-1: the official directory of active indirect providers, by region, service and name. */
function FindProviderContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useEnrollmentLabels();
  const channel = useChannelLabels();
  const markets = useMarkets();
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [service, setService] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  // A region chosen in the list wins over the country (the API does the same).
  const directory = useProviderDirectory({ country: region ? undefined : country || undefined, region: region || undefined, service: service || undefined, q: q || undefined });

  const items = directory.data?.pages.flatMap((page) => page.items) ?? [];
  const totalCount = directory.data?.pages[0]?.totalCount ?? 0;
  const regions = markets.data?.items ?? [];

  return (
    <>
      <div className={styles.filters}>
        <Field label={t('directory.search')}>
          <Input
            className={styles.filter}
            contentBefore={<SearchRegular />}
            type="search"
            value={search}
            onChange={(_event, data) => setSearch(data.value)}
            placeholder={t('directory.searchPlaceholder')}
            data-testid="directory-search"
          />
        </Field>
        <Field label={t('directory.country')} hint={t('directory.countryHint')}>
          <CountryPicker
            value={country}
            onChange={(code) => {
              setCountry(code);
              setRegion('');
            }}
            data-testid="directory-country"
          />
        </Field>
        <Field label={t('directory.region')}>
          <Dropdown
            className={styles.filter}
            value={region ? channel.region(region, regions.find((item) => item.id === region)?.name) : t('directory.regionDefault')}
            selectedOptions={[region || ALL]}
            onOptionSelect={(_event, data) => setRegion(data.optionValue === ALL ? '' : (data.optionValue ?? ''))}
            data-testid="directory-region"
          >
            <Option value={ALL} data-testid="directory-region-default">
              {t('directory.regionDefault')}
            </Option>
            {regions.map((item) => (
              <Option key={item.id} value={item.id} data-testid={`directory-region-${item.id}`}>
                {channel.region(item.id, item.name)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('directory.service')}>
          <Dropdown
            className={styles.filter}
            value={service ? labels.service(service) : t('directory.allServices')}
            selectedOptions={[service || ALL]}
            onOptionSelect={(_event, data) => setService(data.optionValue === ALL ? '' : (data.optionValue ?? ''))}
            data-testid="directory-service"
          >
            <Option value={ALL} data-testid="directory-service-all">
              {t('directory.allServices')}
            </Option>
            {SERVICES_OFFERED.map((item) => (
              <Option key={item} value={item} data-testid={`directory-service-${item}`}>
                {labels.service(item)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {directory.data ? (
          <Caption1 className={styles.count} data-testid="directory-count">
            {t('directory.count', { formatted: format.number(totalCount) })}
          </Caption1>
        ) : null}
      </div>
      {directory.error ? (
        <ErrorBar error={directory.error} testId="directory-error" />
      ) : directory.isPending ? (
        <Loading />
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<DirectoryProvider>
            aria-label={t('directory.title')}
            testId="directory-table"
            rows={items}
            rowId={(provider) => provider.tenantId}
            rowProps={(provider) => ({ 'data-testid': `directory-provider-${provider.tenantId}` })}
            columns={[
              {
                id: 'provider',
                header: t('directory.columnProvider'),
                cell: (provider) => (
                  <TableCellLayout>
                    <Text weight="semibold">{provider.name}</Text>
                    <Caption1 className={styles.secondary}>{format.country(provider.country)}</Caption1>
                  </TableCellLayout>
                ),
              },
              {
                id: 'region',
                header: t('directory.columnRegion'),
                cell: (provider) => channel.region(provider.region, regions.find((item) => item.id === provider.region)?.name) || t('common.emptyValue'),
              },
              {
                id: 'services',
                header: t('directory.columnServices'),
                cell: (provider) =>
                  provider.servicesOffered.length ? (
                    <span className={styles.services}>
                      {provider.servicesOffered.map((item) => (
                        <Badge key={item} appearance="tint" color="brand" shape="rounded" data-testid={`directory-service-badge-${item}`}>
                          {labels.service(item)}
                        </Badge>
                      ))}
                    </span>
                  ) : (
                    t('common.emptyValue')
                  ),
              },
              {
                id: 'contact',
                header: t('directory.columnContact'),
                cell: (provider) => (
                  <div className={styles.contact}>
                    {provider.supportEmail ? (
                      <span className={styles.contactLine}>
                        <MailRegular aria-hidden />
                        <Link href={`mailto:${provider.supportEmail}`}>{provider.supportEmail}</Link>
                      </span>
                    ) : null}
                    {provider.supportPhone ? (
                      <span className={styles.contactLine}>
                        <PhoneRegular aria-hidden />
                        <Link href={`tel:${provider.supportPhone.replace(/\s+/g, '')}`}>{provider.supportPhone}</Link>
                      </span>
                    ) : null}
                    {provider.website ? (
                      <span className={styles.contactLine}>
                        <GlobeRegular aria-hidden />
                        <Link href={websiteHref(provider.website)} target="_blank" rel="noopener noreferrer">
                          {provider.website.replace(/^https?:\/\//i, '')}
                        </Link>
                      </span>
                    ) : null}
                    {!provider.supportEmail && !provider.supportPhone && !provider.website ? t('common.emptyValue') : null}
                  </div>
                ),
              },
            ]}
          />
          {items.length === 0 ? (
            <div className={styles.empty} data-testid="directory-empty">
              {t('directory.empty')}
            </div>
          ) : null}
          {directory.hasNextPage ? (
            <div className={styles.more}>
              <Button onClick={() => directory.fetchNextPage()} disabled={directory.isFetchingNextPage} data-testid="directory-load-more">
                {directory.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}

export default function FindProvider() {
  const { t } = useTranslation();
  return (
    <div data-testid="find-provider-page">
      <PageHeader title={t('directory.title')} description={t('directory.description')} />
      <RequirePermission permission={PERMISSIONS.relationshipsRead}>
        <FindProviderContent />
      </RequirePermission>
    </div>
  );
}
