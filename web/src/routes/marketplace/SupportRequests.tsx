import { Badge, Body1, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import { useMarketplaceLabels } from './labels';
import { useOffers, useSupportRequests } from '../../api/marketplace';
import type { SupportRequest } from './model';
import { RequestedChangeText } from './RequestedChangeText';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
});

export function RequestStatusBadge({ status }: { status: SupportRequest['status'] }) {
  const labels = useMarketplaceLabels();
  const color = status === 'open' ? 'informative' : status === 'resolved' ? 'success' : 'danger';
  return (
    <Badge appearance="tint" color={color} data-testid="support-request-status" data-status={status}>
      {labels.requestStatus(status)}
    </Badge>
  );
}

function SupportRequestsContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const [params] = useSearchParams();
  const requests = useSupportRequests();
  const canReadOffers = usePermission(PERMISSIONS.offersRead);
  const offers = useOffers(canReadOffers);
  const offerName = (id: string | undefined) => (canReadOffers ? offers.data?.items.find((offer) => offer.id === id)?.name : undefined) ?? id ?? '';

  const columns: DataColumn<SupportRequest>[] = [
    {
      id: 'title',
      header: t('marketplace.supportRequests.requestTitle'),
      cell: (request) => (
        <>
          {labels.fixedValue(request.title)}
          <Caption1 block className={styles.muted}>
            {request.details}
          </Caption1>
        </>
      ),
    },
    { id: 'category', header: t('marketplace.supportRequests.category'), cell: (request) => offerName(request.subject.category?.offerId) },
    { id: 'requestedChange', header: t('marketplace.supportRequests.requestedChange'), cell: (request) => <RequestedChangeText change={request.subject.requestedChange} /> },
    {
      id: 'status',
      header: t('marketplace.supportRequests.status'),
      cell: (request) => (
        <>
          <RequestStatusBadge status={request.status} />
          {request.resolution ? (
            <Caption1 block className={styles.muted} data-testid="support-request-resolution">
              {request.resolution}
            </Caption1>
          ) : null}
        </>
      ),
    },
    { id: 'createdAt', header: t('marketplace.supportRequests.createdAt'), cell: (request) => format.dateTime(request.createdAt) },
  ];

  if (requests.error) return <ErrorBar error={requests.error} />;
  if (requests.isPending) return <Loading />;
  const items = [...requests.data.items].reverse();

  return (
    <div className={styles.root}>
      {params.get('created') ? (
        <MessageBar intent="success" data-testid="support-request-created">
          <MessageBarBody>{t('marketplace.supportRequests.created')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {items.length === 0 ? (
        <Body1 className={styles.muted}>{t('marketplace.supportRequests.empty')}</Body1>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable
            aria-label={t('marketplace.supportRequests.title')}
            testId="support-requests-table"
            columns={columns}
            rows={items}
            rowId={(request) => request.id}
            rowProps={(request) => ({ 'data-testid': `support-request-${request.id}` })}
          />
        </div>
      )}
    </div>
  );
}

export default function SupportRequests() {
  const { t } = useTranslation();
  return (
    <div data-testid="support-requests-page">
      <PageHeader title={t('marketplace.supportRequests.title')} description={t('marketplace.supportRequests.description')} />
      <RequirePermission permission={PERMISSIONS.supportRequestsRead}>
        <SupportRequestsContent />
      </RequirePermission>
    </div>
  );
}
