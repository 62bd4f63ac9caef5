import { useMemo } from 'react';
import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  Field,
  Link,
  Select,
  Subtitle2,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useStorefrontOffers } from '../../api/marketplace';
import { BrandMark } from '../../components/BrandMark';
import { ErrorBar } from '../../components/ErrorBar';
import { LanguageMenu } from '../../components/LanguageMenu';
import { Loading } from '../../components/Loading';
import { COUNTRY_CODES, isCountryCode } from '../../countries';
import { useFormat } from '../../format';
import { useMarketplaceLabels } from '../marketplace/labels';
import type { StorefrontOffer } from '../marketplace/model';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, padding: '24px 32px 48px', boxSizing: 'border-box' },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', maxWidth: '1080px', margin: '0 auto 24px' },
  brand: { display: 'flex', alignItems: 'center', gap: '8px', color: tokens.colorNeutralForeground1 },
  main: { maxWidth: '1080px', margin: '0 auto', display: 'flex', flexDirection: 'column', gap: '16px' },
  intro: { display: 'flex', justifyContent: 'space-between', gap: '16px', alignItems: 'end', flexWrap: 'wrap' },
  country: { minWidth: '240px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '16px' },
  card: { display: 'flex', flexDirection: 'column', gap: '8px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function OfferCard({ offer }: { offer: StorefrontOffer }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  return (
    <Card className={styles.card} data-testid={`storefront-offer-${offer.id}`}>
      <CardHeader header={<Text weight="semibold">{offer.name}</Text>} description={<Caption1 className={styles.muted}>{labels.offerType(offer.type)}</Caption1>} />
      <Body1>{offer.summary}</Body1>
      <Caption1>{offer.description}</Caption1>
      <Text weight="semibold">{t('marketplace.storefront.plans')}</Text>
      {offer.plans.map((plan) => (
        <Caption1 key={plan.planId}>
          {plan.name} · {plan.termDurations.map(labels.term).join(', ')} · {plan.billingCycles.map(labels.cycle).join(', ')}
        </Caption1>
      ))}
      {offer.supportContact ? (
        <Caption1>
          {t('marketplace.storefront.support')} <Link href={`mailto:${offer.supportContact.email}`}>{offer.supportContact.email}</Link> ·{' '}
          <Link href={offer.supportContact.url} target="_blank" rel="noopener noreferrer">
            {offer.supportContact.url}
          </Link>
        </Caption1>
      ) : null}
    </Card>
  );
}

/** The public storefront (no sign-in): live offers sold in a country, never the CSP materials (MKP-10). */
export default function Storefront() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const requested = (params.get('country') ?? '').toUpperCase();
  const country = isCountryCode(requested) ? requested : 'US';
  const countries = useMemo(
    () => COUNTRY_CODES.map((code) => ({ code, name: format.country(code) })).sort((a, b) => a.name.localeCompare(b.name, format.language)),
    [format],
  );
  const offers = useStorefrontOffers(country);

  return (
    <div className={styles.page} data-testid="storefront-page">
      <header className={styles.header}>
        <div className={styles.brand}>
          <BrandMark />
          <Subtitle2 as="span">{t('app.brand')}</Subtitle2>
        </div>
        <LanguageMenu />
      </header>
      <main className={styles.main}>
        <div className={styles.intro}>
          <div>
            <Title2 as="h1">{t('marketplace.storefront.title')}</Title2>
            <Body1 block className={styles.muted}>
              {t('marketplace.storefront.description', { country: format.country(country) })}
            </Body1>
          </div>
          <Field label={t('marketplace.storefront.country')} className={styles.country}>
            <Select value={country} onChange={(_e, data) => setParams({ country: data.value })} data-testid="storefront-country">
              {countries.map((item) => (
                <option key={item.code} value={item.code}>
                  {item.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {offers.error ? (
          <ErrorBar error={offers.error} />
        ) : offers.isPending ? (
          <Loading />
        ) : offers.data.items.length === 0 ? (
          <Body1 className={styles.muted} data-testid="storefront-empty">
            {t('marketplace.storefront.empty')}
          </Body1>
        ) : (
          <div className={styles.grid} data-testid="storefront-list">
            {offers.data.items.map((offer) => (
              <OfferCard key={offer.id} offer={offer} />
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
