import { useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { keys } from '../../api/keys';
import { useOperatorSupportQueue, useResolveSupportRequest } from '../../api/marketplace';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { useMarketplaceLabels } from './labels';
import type { SupportQueueItem } from './model';
import { RequestedChangeText } from './RequestedChangeText';
import { RequestStatusBadge } from './SupportRequests';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  filter: { maxWidth: '240px' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

const STATUSES = ['open', 'resolved', 'declined'] as const;
type Action = 'apply' | 'decline';

/** Apply (the rules are checked again now) or decline, with the reason the publisher is sent. */
function ResolutionDialog({ request, action, onClose, onDone }: { request: SupportQueueItem; action: Action; onClose(): void; onDone(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const resolve = useResolveSupportRequest(request.id, {
    onSuccess: onDone,
  });
  const reasonError = submitted && !reason.trim() ? t('marketplace.operator.reasonRequired') : undefined;
  const code = resolve.error instanceof ApiError ? resolve.error.code : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!reason.trim()) return;
    resolve.mutate({ action, reason: reason.trim() });
  };
  return (
    <Dialog open onOpenChange={(_e, data) => (!data.open ? onClose() : undefined)}>
      <DialogSurface data-testid="resolution-dialog" data-action={action}>
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{action === 'apply' ? t('marketplace.operator.applyTitle') : t('marketplace.operator.declineTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              {code === 'partner_has_resold' ? (
                <MessageBar intent="error" layout="multiline" data-testid="resolution-error" data-code={code}>
                  <MessageBarBody>
                    <MessageBarTitle>{t('marketplace.operator.refusedTitle')}</MessageBarTitle>
                    {t('marketplace.operator.refusedResold')}
                  </MessageBarBody>
                </MessageBar>
              ) : (
                <ErrorBar error={resolve.error} testId="resolution-error" />
              )}
              <Body1>{action === 'apply' ? t('marketplace.operator.applyIntro') : t('marketplace.operator.declineIntro')}</Body1>
              <Field label={t('marketplace.operator.reason')} required validationMessage={reasonError} validationState={reasonError ? 'error' : 'none'}>
                <Textarea value={reason} rows={4} maxLength={2000} onChange={(_e, data) => setReason(data.value)} data-testid="resolution-reason" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} data-testid="resolution-cancel">
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={resolve.isPending} data-testid="resolution-confirm">
                {action === 'apply' ? t('marketplace.operator.apply') : t('marketplace.operator.decline')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function QueueContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : 'open';
  const [resolving, setResolving] = useState<{ request: SupportQueueItem; action: Action } | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const queue = useOperatorSupportQueue(status);

  return (
    <div className={styles.root}>
      <Field label={t('marketplace.operator.statusFilter')} className={styles.filter}>
        <Select value={status} onChange={(_e, data) => setParams({ status: data.value }, { replace: true })} data-testid="support-queue-status">
          {STATUSES.map((item) => (
            <option key={item} value={item}>
              {labels.requestStatus(item)}
            </option>
          ))}
        </Select>
      </Field>
      {done ? (
        <MessageBar intent="success" data-testid="support-queue-done" data-action={done}>
          <MessageBarBody>{done === 'apply' ? t('marketplace.operator.applied') : t('marketplace.operator.declined')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {queue.error ? (
        <ErrorBar error={queue.error} />
      ) : queue.isPending ? (
        <Loading />
      ) : queue.data.items.length === 0 ? (
        <Body1 className={styles.muted} data-testid="support-queue-empty">
          {t('marketplace.operator.empty')}
        </Body1>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<SupportQueueItem>
            aria-label={t('marketplace.operator.title')}
            testId="support-queue-table"
            rows={queue.data.items}
            rowId={(request) => request.id}
            rowProps={(request) => ({ 'data-testid': `support-queue-row-${request.id}`, 'data-offer-id': request.subject.category?.offerId ?? '' })}
            columns={[
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
              // MKP-9: the offer, the publisher and the partners by name (read with the queue), their IDs only where no name is known.
              {
                id: 'offer',
                header: t('marketplace.operator.offer'),
                cell: (request) => (
                  <>
                    <span data-testid="support-queue-offer">{request.offerName ?? request.subject.category?.offerId ?? t('common.emptyValue')}</span>
                    <Caption1 block className={styles.muted}>
                      {labels.fixedValue(request.subject.productVersion) || t('common.emptyValue')}
                    </Caption1>
                  </>
                ),
              },
              { id: 'requestedBy', header: t('marketplace.operator.requestedBy'), cell: (request) => <span data-testid="support-queue-tenant">{request.tenantName ?? request.tenantId}</span> },
              {
                id: 'requestedChange',
                header: t('marketplace.supportRequests.requestedChange'),
                cell: (request) => (
                  <span data-testid="support-queue-change">
                    <RequestedChangeText change={request.subject.requestedChange} partners={request.partners} />
                  </span>
                ),
              },
              { id: 'createdAt', header: t('marketplace.supportRequests.createdAt'), cell: (request) => format.dateTime(request.createdAt) },
              {
                id: 'actions',
                header: status === 'open' ? t('marketplace.operator.actions') : t('marketplace.supportRequests.status'),
                cell: (request) =>
                  request.status === 'open' ? (
                    <div className={styles.actions}>
                      <Button appearance="primary" onClick={() => { setDone(null); setResolving({ request, action: 'apply' }); }} data-testid={`support-apply-${request.id}`}>
                        {t('marketplace.operator.apply')}
                      </Button>
                      <Button onClick={() => { setDone(null); setResolving({ request, action: 'decline' }); }} data-testid={`support-decline-${request.id}`}>
                        {t('marketplace.operator.decline')}
                      </Button>
                    </div>
                  ) : (
                    <>
                      <RequestStatusBadge status={request.status} />
                      {request.resolution ? (
                        <Caption1 block className={styles.muted}>
                          {request.resolution}
                        </Caption1>
                      ) : null}
                    </>
                  ),
              },
            ]}
          />
        </div>
      )}
      {resolving ? (
        <ResolutionDialog
          request={resolving.request}
          action={resolving.action}
          onClose={() => setResolving(null)}
          onDone={() => {
            setDone(resolving.action);
            setResolving(null);
            void queryClient.invalidateQueries({ queryKey: keys.marketplace.operatorQueue.all });
          }}
        />
      ) : null}
    </div>
  );
}

export default function OperatorSupportQueue() {
  const { t } = useTranslation();
  return (
    <div data-testid="support-queue-page">
      <PageHeader title={t('marketplace.operator.title')} description={t('marketplace.operator.description')} />
      <RequirePermission permission={PERMISSIONS.operatorSupportRequests}>
        <QueueContent />
      </RequirePermission>
    </div>
  );
}
