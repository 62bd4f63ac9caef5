import { useState, type FormEvent } from 'react';
import {
  Badge,
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys';
import { useCreateOffer, useOffers } from '../../api/marketplace';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { usePermission } from '../../session';
import { useMarketplaceLabels } from './labels';
import { OFFER_TYPES, type Offer, type OfferType } from './model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
});

function NewOfferDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [type, setType] = useState<OfferType>('saas');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateOffer({
    onSuccess: async ({ data }) => {
      await queryClient.invalidateQueries({ queryKey: keys.marketplace.offers });
      onClose();
      navigate(`/marketplace/offers/${data.id}?module=listing`);
    },
  });
  const nameError = (submitted && !name.trim() ? t('validation.required') : undefined) ?? fieldError(create.error, '/name');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    create.mutate({ type, name: name.trim() });
  };
  return (
    <Dialog open={open} onOpenChange={(_e, data) => (!data.open ? onClose() : undefined)}>
      <DialogSurface data-testid="new-offer-dialog">
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{t('marketplace.offers.newTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              <ErrorBar error={create.error} fieldPaths={['/name', '/type']} />
              <Field label={t('marketplace.offers.type')} required hint={t('marketplace.offers.typeHint')}>
                <Select value={type} onChange={(_e, data) => setType(data.value as OfferType)} data-testid="new-offer-type">
                  {OFFER_TYPES.map((item) => (
                    <option key={item} value={item}>
                      {labels.offerType(item)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('marketplace.offers.name')} required validationMessage={nameError} validationState={nameError ? 'error' : 'none'}>
                <Input value={name} maxLength={200} onChange={(_e, data) => setName(data.value)} data-testid="new-offer-name" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="new-offer-create">
                {t('marketplace.offers.create')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function OffersContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canManage = usePermission(PERMISSIONS.offersManage);
  const offers = useOffers();
  const [creating, setCreating] = useState(false);

  return (
    <div className={styles.root}>
      {params.get('enrolled') ? (
        <MessageBar intent="success" data-testid="publisher-enrolled">
          <MessageBarBody>{t('marketplace.offers.enrolled')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {canManage ? (
        <div>
          <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)} data-testid="new-offer">
            {t('marketplace.offers.new')}
          </Button>
        </div>
      ) : null}
      {offers.error ? (
        <ErrorBar error={offers.error} />
      ) : offers.isPending ? (
        <Loading />
      ) : offers.data.items.length === 0 ? (
        <Body1 className={styles.muted} data-testid="offers-empty">
          {t('marketplace.offers.empty')}
        </Body1>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<Offer>
            aria-label={t('marketplace.offers.title')}
            testId="offers-table"
            rows={offers.data.items}
            rowId={(offer) => offer.id}
            rowProps={(offer) => ({ 'data-testid': `offer-row-${offer.id}` })}
            columns={[
              {
                id: 'name',
                header: t('marketplace.offers.name'),
                cell: (offer) => (
                  <Link
                    href={`/marketplace/offers/${offer.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/marketplace/offers/${offer.id}`);
                    }}
                  >
                    {offer.name}
                  </Link>
                ),
              },
              { id: 'type', header: t('marketplace.offers.type'), cell: (offer) => labels.offerType(offer.type) },
              {
                id: 'status',
                header: t('marketplace.offers.status'),
                cell: (offer) =>
                  offer.live ? (
                    <Badge appearance="tint" color="success">
                      {t('marketplace.offers.live')}
                    </Badge>
                  ) : (
                    <Badge appearance="tint" color="informative">
                      {t('marketplace.offers.draft')}
                    </Badge>
                  ),
              },
              { id: 'audience', header: t('marketplace.offers.audience'), cell: (offer) => labels.mode(offer.live?.audienceMode ?? offer.draft.audienceMode) },
              { id: 'updated', header: t('marketplace.offers.updated'), cell: (offer) => format.dateTime(offer.updatedAt) },
            ]}
          />
        </div>
      )}
      {creating ? <NewOfferDialog open onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

export default function Offers() {
  const { t } = useTranslation();
  return (
    <div data-testid="offers-page">
      <PageHeader title={t('marketplace.offers.title')} description={t('marketplace.offers.description')} />
      <RequirePermission permission={PERMISSIONS.offersRead}>
        <OffersContent />
      </RequirePermission>
    </div>
  );
}
