import { useState } from 'react';
import {
  Badge,
  Body1,
  Caption1,
  Card,
  CardHeader,
  Field,
  Input,
  Link,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useCspOffers } from '../../api/marketplace';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { useDebouncedValue } from '../../hooks';
import { PERMISSIONS } from '../../permissions';
import { useMarketplaceLabels } from './labels';
import { OFFER_TYPES, type CspOffer } from './model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1040px' },
  filters: { display: 'grid', gridTemplateColumns: 'minmax(200px, 2fr) minmax(160px, 1fr)', gap: '12px', maxWidth: '640px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '16px' },
  card: { display: 'flex', flexDirection: 'column', gap: '8px' },
  section: { display: 'flex', flexDirection: 'column', gap: '2px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function OfferCard({ offer }: { offer: CspOffer }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const materials = offer.cspMaterials;
  return (
    <Card className={styles.card} data-testid={`csp-offer-${offer.id}`}>
      <CardHeader header={<Text weight="semibold">{offer.name}</Text>} description={<Caption1 className={styles.muted}>{labels.offerType(offer.type)}</Caption1>} />
      <Body1>{offer.summary}</Body1>
      <div className={styles.section}>
        <Text weight="semibold">{t('marketplace.csp.plans')}</Text>
        {offer.plans.map((plan) => (
          <Caption1 key={plan.planId}>
            {plan.name} · {labels.licenseModel(plan.licenseModel)} · {plan.termDurations.map(labels.term).join(', ')}
            {plan.prices?.length ? ` · ${plan.prices.map((price) => format.money(price.unitPrice, price.currency)).join(', ')}` : ''}
          </Caption1>
        ))}
      </div>
      <div className={styles.section} data-testid="csp-offer-materials">
        <Text weight="semibold">
          {t('marketplace.csp.materials')} <Badge appearance="outline" size="small">{t('marketplace.csp.partnersOnly')}</Badge>
        </Text>
        {materials ? (
          <>
            <Link href={materials.salesMaterialsUrl} target="_blank" rel="noopener noreferrer" data-testid="csp-offer-sales-materials">
              {materials.salesMaterialsUrl}
            </Link>
            <Caption1 data-testid="csp-offer-channel-contact">
              {t('marketplace.csp.channelContact', { name: materials.channelContact.name })} ·{' '}
              <Link href={`mailto:${materials.channelContact.email}`}>{materials.channelContact.email}</Link> · {materials.channelContact.phone}
            </Caption1>
          </>
        ) : (
          <Caption1 className={styles.muted}>{t('marketplace.csp.noMaterials')}</Caption1>
        )}
      </div>
      {offer.supportContact ? (
        <div className={styles.section}>
          <Text weight="semibold">{t('marketplace.csp.support')}</Text>
          <Caption1>
            <Link href={`mailto:${offer.supportContact.email}`}>{offer.supportContact.email}</Link> · {offer.supportContact.phone} ·{' '}
            <Link href={offer.supportContact.url} target="_blank" rel="noopener noreferrer">
              {offer.supportContact.url}
            </Link>
          </Caption1>
        </div>
      ) : null}
    </Card>
  );
}

function CspOffersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const q = useDebouncedValue(text.trim());
  const offers = useCspOffers(q, type);
  return (
    <div className={styles.root}>
      <div className={styles.filters}>
        <Field label={t('marketplace.csp.search')}>
          <Input value={text} onChange={(_e, data) => setText(data.value)} contentBefore={<SearchRegular />} data-testid="csp-offers-search" />
        </Field>
        <Field label={t('marketplace.offers.type')}>
          <Select value={type} onChange={(_e, data) => setType(data.value)} data-testid="csp-offers-type">
            <option value="">{t('marketplace.csp.anyType')}</option>
            {OFFER_TYPES.map((item) => (
              <option key={item} value={item}>
                {labels.offerType(item)}
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
        <Body1 className={styles.muted} data-testid="csp-offers-empty">
          {t('marketplace.csp.empty')}
        </Body1>
      ) : (
        <div className={styles.grid} data-testid="csp-offers-list">
          {offers.data.items.map((offer) => (
            <OfferCard key={offer.id} offer={offer} />
          ))}
        </div>
      )}
    </div>
  );
}

export default function CspOffers() {
  const { t } = useTranslation();
  return (
    <div data-testid="csp-offers-page">
      <PageHeader title={t('marketplace.csp.title')} description={t('marketplace.csp.description')} />
      <RequirePermission permission={PERMISSIONS.cspOffers}>
        <CspOffersContent />
      </RequirePermission>
    </div>
  );
}
