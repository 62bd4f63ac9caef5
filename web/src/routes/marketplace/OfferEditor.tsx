import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, RocketRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { keys } from '../../api/keys';
import { usePublishOffer, useSaveListing, useSavePlans, useOfferState, type OfferState } from '../../api/marketplace';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import { AudiencePanel } from './AudiencePanel';
import { useMarketplaceLabels } from './labels';
import { ListingForm } from './ListingForm';
import type { Audience, Offer, Plan } from './model';
import { OfferErrorBar } from './OfferErrorBar';
import { PlansForm } from './PlansForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  meta: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', color: tokens.colorNeutralForeground3 },
  list: { margin: '4px 0 0', paddingInlineStart: '20px' },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

const MODULES = ['listing', 'plans', 'audience'] as const;
type Module = (typeof MODULES)[number];

/** One missing item of a refused publication (`/plans/0/prices`), in words. */
function useMissingItem() {
  const { t } = useTranslation();
  return (path: string, plans: readonly Plan[]) => {
    if (path === '/listing') return t('marketplace.publish.missingListing');
    if (path === '/plans') return t('marketplace.publish.missingPlans');
    const match = /^\/plans\/(\d+)\/(prices|markets)$/.exec(path);
    if (match) {
      const index = Number(match[1]);
      const plan = plans[index]?.name || t('marketplace.plans.untitled', { number: index + 1 });
      return match[2] === 'prices' ? t('marketplace.publish.missingPrices', { plan }) : t('marketplace.publish.missingMarkets', { plan });
    }
    return path;
  };
}

function OfferEditorContent({ id }: { id: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const canManage = usePermission(PERMISSIONS.offersManage);
  const canPublish = usePermission(PERMISSIONS.offersPublish);
  const query = useOfferState(id);
  const missingItem = useMissingItem();
  const [saved, setSaved] = useState<Module | null>(null);
  const moduleParam = params.get('module');
  const module: Module = (MODULES as readonly string[]).includes(moduleParam ?? '') ? (moduleParam as Module) : 'listing';
  const key = keys.marketplace.offer(id);

  const storeOffer = (offer: Offer, etag: string | null) =>
    queryClient.setQueryData<OfferState>(key, (current) => (current ? { ...current, offer, etag: etag ?? current.etag } : current));
  const storeAudience = (audience: Audience, etag: string | null) =>
    queryClient.setQueryData<OfferState>(key, (current) => (current ? { ...current, audience, etag: etag ?? current.etag } : current));
  const reload = () => queryClient.invalidateQueries({ queryKey: key });
  const ifMatch = () => {
    const etag = queryClient.getQueryData<OfferState>(key)?.etag;
    return etag ? { 'If-Match': etag } : undefined;
  };

  const saveListing = useSaveListing(id, ifMatch, {
    onSuccess: ({ data, etag }) => {
      storeOffer(data, etag);
      setSaved('listing');
    },
  });
  const savePlans = useSavePlans(id, ifMatch, {
    onSuccess: ({ data, etag }) => {
      storeOffer(data, etag);
      setSaved('plans');
    },
  });
  const publish = usePublishOffer(id, {
    onSuccess: async () => {
      await Promise.all([reload(), queryClient.invalidateQueries({ queryKey: keys.marketplace.offers })]);
    },
  });

  if (query.error) return <OfferErrorBar error={query.error} onReload={() => void reload()} />;
  if (query.isPending) return <Loading />;
  const { offer } = query.data;

  const missing = publish.error instanceof ApiError && publish.error.code === 'offer_incomplete' ? (publish.error.problem.errors ?? []) : [];

  return (
    <div className={styles.root}>
      <PageHeader
        title={offer.name}
        actions={
          <>
            <Button appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => navigate('/marketplace/offers')}>
              {t('marketplace.editor.back')}
            </Button>
            {canPublish ? (
              <Button
                appearance="primary"
                icon={<RocketRegular />}
                disabled={publish.isPending}
                onClick={() => {
                  setSaved(null);
                  publish.mutate();
                }}
                data-testid="offer-publish"
              >
                {publish.isPending ? t('marketplace.publish.publishing') : offer.live ? t('marketplace.publish.republish') : t('marketplace.publish.publish')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className={styles.meta}>
        <span data-testid="offer-type">{labels.offerType(offer.type)}</span>
        <span>·</span>
        {offer.live ? (
          <Badge appearance="tint" color="success" data-testid="offer-status" data-status="live">
            {t('marketplace.offers.live')}
          </Badge>
        ) : (
          <Badge appearance="tint" color="informative" data-testid="offer-status" data-status="draft">
            {t('marketplace.offers.draft')}
          </Badge>
        )}
        {offer.publishedAt ? <Caption1>{t('marketplace.editor.publishedAt', { date: format.dateTime(offer.publishedAt) })}</Caption1> : null}
        <Caption1>{t('marketplace.editor.offerId', { id: offer.id })}</Caption1>
      </div>

      {publish.isSuccess ? (
        <MessageBar intent="success" data-testid="offer-published">
          <MessageBarBody>{t('marketplace.publish.published')}</MessageBarBody>
        </MessageBar>
      ) : missing.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="publish-error" data-code="offer_incomplete">
          <MessageBarBody>
            <MessageBarTitle>{t('marketplace.publish.incomplete')}</MessageBarTitle>
            <ul className={styles.list}>
              {missing.map((item) => (
                <li key={item.path} data-testid={`publish-missing-${item.path.replace(/^\//, '').replace(/\//g, '-')}`}>
                  {missingItem(item.path, offer.draft.plans)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <OfferErrorBar error={publish.error} onReload={() => void reload()} testId="publish-error" />
      )}

      <TabList
        className={styles.tabs}
        selectedValue={module}
        onTabSelect={(_e, data) => {
          setSaved(null);
          setParams({ module: String(data.value) }, { replace: true });
        }}
      >
        <Tab value="listing" data-testid="module-listing">
          {t('marketplace.editor.listing')}
        </Tab>
        <Tab value="plans" data-testid="module-plans">
          {t('marketplace.editor.plans')}
        </Tab>
        <Tab value="audience" data-testid="module-audience">
          {t('marketplace.editor.audience')}
        </Tab>
      </TabList>

      {module === 'listing' ? (
        <ListingForm
          listing={offer.draft.listing}
          canManage={canManage}
          saving={saveListing.isPending}
          error={saveListing.error}
          saved={saved === 'listing'}
          onSave={(listing) => {
            setSaved(null);
            saveListing.mutate(listing);
          }}
          onReload={() => {
            saveListing.reset();
            void reload();
          }}
        />
      ) : module === 'plans' ? (
        <PlansForm
          plans={offer.draft.plans}
          canManage={canManage}
          saving={savePlans.isPending}
          error={savePlans.error}
          saved={saved === 'plans'}
          onSave={(plans) => {
            setSaved(null);
            savePlans.mutate(plans);
          }}
          onReload={() => {
            savePlans.reset();
            void reload();
          }}
        />
      ) : (
        <AudiencePanel state={query.data} canManage={canManage} canPublish={canPublish} onAudience={storeAudience} onReload={reload} />
      )}
    </div>
  );
}

export default function OfferEditor() {
  const { id = '' } = useParams();
  return (
    <div data-testid="offer-editor-page">
      <RequirePermission permission={PERMISSIONS.offersRead}>
        <OfferEditorContent id={id} />
      </RequirePermission>
    </div>
  );
}
