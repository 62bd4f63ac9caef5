import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, ArrowSyncRegular, ArrowUploadRegular, DeleteRegular, LockClosedRegular, PersonSupportRegular } from '@fluentui/react-icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPath, type ProblemFieldError } from '../../api';
import { useImportAudience, useSaveAudience, useSyncAudience, type OfferState } from '../../api/marketplace';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { useFormat } from '../../format';
import { useMarketplaceLabels } from './labels';
import { AUDIENCE_MODES, importRow, pendingAudienceChange, type Audience, type AudienceMode, type AudiencePartner } from './model';
import { OfferErrorBar, problemCode } from './OfferErrorBar';
import { PartnerName, PartnerPickerDialog } from './PartnerPickerDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '960px' },
  modes: { display: 'flex', flexDirection: 'column', gap: '4px' },
  toolbar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
  hidden: { display: 'none' },
  list: { margin: '4px 0 0', paddingInlineStart: '20px' },
});

function sameList(a: readonly AudiencePartner[], b: readonly AudiencePartner[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((partner) => partner.tenantId));
  return b.every((partner) => ids.has(partner.tenantId));
}

/**
 * Where the audience stands, from the saved draft and the live audience only (never from what was last
 * clicked): 'draft' before the offer is live, 'live' when the saved draft is the live audience, 'pending'
 * when the saved draft differs from it (a sync, or a support request, makes it live).
 */
export type AudienceState = 'draft' | 'live' | 'pending';

export function audienceState(offerIsLive: boolean, audience: Audience): AudienceState {
  const live = audience.live;
  if (!offerIsLive || !live) return 'draft';
  if (audience.draft.mode !== live.mode) return 'pending';
  return live.mode !== 'selected' || sameList(audience.draft.partners, live.partners) ? 'live' : 'pending';
}

/**
 * The "CSP Reseller audience" module (MKP-2 … MKP-8): the three options, the selected partners with
 * their resale marker, Save draft, Sync CSP audience for a live offer, CSV export and import, and a
 * support request for the changes that need one.
 */
export function AudiencePanel({
  state,
  canManage,
  canPublish,
  onAudience,
  onReload,
}: {
  state: OfferState;
  canManage: boolean;
  canPublish: boolean;
  onAudience(audience: Audience, etag: string | null): void;
  onReload(): Promise<unknown>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { offer, audience, etag } = state;
  const [mode, setMode] = useState<AudienceMode>(audience.draft.mode);
  const [partners, setPartners] = useState<AudiencePartner[]>(audience.draft.partners);
  const [picking, setPicking] = useState(false);
  const [notice, setNotice] = useState<'saved' | 'synced' | 'imported' | null>(null);
  const [importedCount, setImportedCount] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setMode(audience.draft.mode);
    setPartners(audience.draft.partners);
  }, [audience]);

  // Partners removed from the draft still show their resale marker from the live list.
  const resold = useMemo(() => {
    const map = new Map<string, string>();
    for (const partner of [...(audience.live?.partners ?? []), ...audience.draft.partners]) if (partner.resoldAt) map.set(partner.tenantId, partner.resoldAt);
    return map;
  }, [audience]);

  const dirty = mode !== audience.draft.mode || (mode === 'selected' && !sameList(partners, audience.draft.partners));
  const pending = pendingAudienceChange(audience);
  const isLive = !!offer.live;
  const standing = audienceState(isLive, audience);
  /** An audience in words: its option, and how many partners a selected list has. */
  const summary = (side: { mode: AudienceMode | null; partners: readonly AudiencePartner[] } | null | undefined) =>
    side?.mode === 'selected' ? t('marketplace.audienceState.selected', { mode: labels.mode(side.mode), count: side.partners.length }) : labels.mode(side?.mode);

  // Publishing (on the offer's page) changes what is live: a notice about the last click no longer applies.
  useEffect(() => {
    setNotice(null);
  }, [offer.publishedAt]);

  const audienceInput = () => ({ mode, partnerTenantIds: mode === 'selected' ? partners.map((partner) => partner.tenantId) : [], etag });
  const save = useSaveAudience(offer.id, {
    onSuccess: ({ data, etag: next }) => {
      setNotice('saved');
      onAudience(data, next);
    },
  });
  const sync = useSyncAudience(offer.id, {
    onSuccess: ({ data, etag: next }) => {
      setNotice('synced');
      onAudience(data, next);
    },
  });
  const importCsv = useImportAudience(offer.id, {
    onSuccess: async (result) => {
      setImportedCount(result.imported);
      setNotice('imported');
      await onReload();
    },
  });

  const reset = () => {
    save.reset();
    sync.reset();
    importCsv.reset();
    setNotice(null);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    reset();
    importCsv.mutate(await file.text());
  };

  const requestChange = async () => {
    reset();
    if (dirty) {
      try {
        await save.mutateAsync(audienceInput());
      } catch {
        return; // the save error is shown above
      }
    }
    navigate(`/marketplace/support-requests/new?offerId=${encodeURIComponent(offer.id)}`);
  };

  // Field errors of a refused save name the partner by its index in the list sent.
  const saveErrors =
    save.error instanceof ApiError && save.error.code === 'not_a_csp_reseller'
      ? (save.error.problem.errors ?? []).map((item) => {
          const index = Number(/\/partnerTenantIds\/(\d+)/.exec(item.path)?.[1] ?? -1);
          return partners[index]?.name ?? item.path;
        })
      : [];

  const syncCode = problemCode(sync.error);
  const importErrors = importCsv.error instanceof ApiError && importCsv.error.code === 'audience_import_invalid' ? (importCsv.error.problem.errors ?? []) : [];

  return (
    <div className={styles.root} data-testid="audience-panel">
      <Body1>{t('marketplace.audience.intro')}</Body1>
      {/* One message on where the audience stands, derived from the saved draft and the live audience. */}
      <MessageBar intent={standing === 'pending' ? 'warning' : standing === 'live' ? 'success' : 'info'} layout="multiline" data-testid="audience-state" data-state={standing}>
        <MessageBarBody>
          {standing === 'draft' ? (
            <>
              <MessageBarTitle>{t('marketplace.audienceState.draftTitle')}</MessageBarTitle>
              {t('marketplace.audienceState.draft', { audience: summary(audience.draft) })}
            </>
          ) : standing === 'live' ? (
            <>
              <MessageBarTitle>{t('marketplace.audience.liveTitle')}</MessageBarTitle>
              {t('marketplace.audienceState.live', { audience: summary(audience.live) })}
            </>
          ) : (
            <>
              <MessageBarTitle>{t('marketplace.audienceState.pendingTitle')}</MessageBarTitle>
              {t('marketplace.audienceState.pending', { live: summary(audience.live), draft: summary(audience.draft) })}{' '}
              {pending ? t('marketplace.audienceState.pendingSupport') : t('marketplace.audienceState.pendingSync')}
            </>
          )}
        </MessageBarBody>
      </MessageBar>

      {notice === 'saved' ? (
        <MessageBar intent="success" data-testid="audience-saved">
          <MessageBarBody>{t('marketplace.editor.savedDraft')}</MessageBarBody>
        </MessageBar>
      ) : notice === 'synced' ? (
        <MessageBar intent="success" data-testid="audience-synced">
          <MessageBarBody>{t('marketplace.audience.synced')}</MessageBarBody>
        </MessageBar>
      ) : notice === 'imported' ? (
        <MessageBar intent="success" data-testid="audience-imported">
          <MessageBarBody>{t('marketplace.audience.imported', { count: importedCount })}</MessageBarBody>
        </MessageBar>
      ) : null}

      {saveErrors.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="audience-save-error" data-code="not_a_csp_reseller">
          <MessageBarBody>
            <MessageBarTitle>{t('marketplace.audience.notResellers')}</MessageBarTitle>
            <ul className={styles.list}>
              {saveErrors.map((name, index) => (
                <li key={index}>{name}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <OfferErrorBar error={save.error} onReload={() => void onReload()} testId="audience-save-error" />
      )}

      {sync.error ? (
        syncCode === 'support_request_required' ? (
          <MessageBar intent="warning" layout="multiline" data-testid="audience-sync-error" data-code={syncCode}>
            <MessageBarBody>
              <MessageBarTitle>{t('marketplace.audience.supportRequestNeeded')}</MessageBarTitle>
              {sync.error instanceof ApiError ? sync.error.problem.detail : null}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void requestChange()} data-testid="audience-sync-request-change">
                {t('marketplace.audience.requestChange')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : syncCode === 'partner_has_resold' ? (
          <MessageBar intent="error" layout="multiline" data-testid="audience-sync-error" data-code={syncCode}>
            <MessageBarBody>
              <MessageBarTitle>{t('marketplace.audience.resoldRefusedTitle')}</MessageBarTitle>
              {t('marketplace.audience.resoldRefused')}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorBar error={sync.error} testId="audience-sync-error" />
        )
      ) : null}

      {importErrors.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="audience-import-error" data-code="audience_import_invalid">
          <MessageBarBody>
            <MessageBarTitle>{t('marketplace.audience.importInvalid')}</MessageBarTitle>
            <DataTable<ProblemFieldError>
              size="extra-small"
              aria-label={t('marketplace.audience.importReport')}
              testId="audience-import-report"
              rows={importErrors}
              rowId={(_item, index) => String(index)}
              rowProps={(item) => ({ 'data-testid': `import-row-${importRow(item.path) ?? 'file'}` })}
              columns={[
                { id: 'line', header: t('marketplace.audience.importLine'), cell: (item) => importRow(item.path) ?? t('marketplace.audience.importWholeFile') },
                { id: 'problem', header: t('marketplace.audience.importProblem'), cell: (item) => labels.importCode(item.code) },
              ]}
            />
          </MessageBarBody>
        </MessageBar>
      ) : (
        <ErrorBar error={importCsv.error} testId="audience-import-error" />
      )}

      <Field label={t('marketplace.audience.modeLabel')}>
        <RadioGroup
          className={styles.modes}
          value={mode}
          disabled={!canManage}
          onChange={(_e, data) => {
            reset();
            setMode(data.value as AudienceMode);
          }}
        >
          {AUDIENCE_MODES.map((item) => (
            <Radio key={item} value={item} label={labels.mode(item)} data-testid={`audience-mode-${item}`} />
          ))}
        </RadioGroup>
      </Field>

      {mode === 'selected' ? (
        <>
          <div className={styles.toolbar}>
            {canManage ? (
              <Button icon={<AddRegular />} onClick={() => setPicking(true)} data-testid="audience-pick">
                {t('marketplace.audience.pick')}
              </Button>
            ) : null}
            <Text className={styles.muted}>{t('marketplace.audience.count', { count: partners.length })}</Text>
          </div>
          {partners.length === 0 ? (
            <Body1 className={styles.muted} data-testid="audience-empty">
              {t('marketplace.audience.empty')}
            </Body1>
          ) : (
            <div className={styles.tableWrap}>
              <DataTable<AudiencePartner>
                aria-label={t('marketplace.audience.tableLabel')}
                testId="audience-table"
                rows={partners}
                rowId={(partner) => partner.tenantId}
                rowProps={(partner) => ({ 'data-testid': `audience-partner-${partner.tenantId}` })}
                columns={[
                  {
                    id: 'partner',
                    header: t('marketplace.audience.partner'),
                    cell: (partner) => <PartnerName partner={partner} />,
                  },
                  { id: 'country', header: t('marketplace.audience.country'), cell: (partner) => format.country(partner.country) },
                  {
                    id: 'resale',
                    header: t('marketplace.audience.resale'),
                    cell: (partner) => {
                      const resoldAt = resold.get(partner.tenantId);
                      return resoldAt ? (
                        <Tooltip content={t('marketplace.audience.resoldHint')} relationship="description">
                          <Badge appearance="tint" color="warning" icon={<LockClosedRegular />} data-testid={`audience-resold-${partner.tenantId}`}>
                            {t('marketplace.audience.resold', { date: format.date(resoldAt) })}
                          </Badge>
                        </Tooltip>
                      ) : (
                        <Text className={styles.muted}>{t('marketplace.audience.notResold')}</Text>
                      );
                    },
                  },
                  {
                    id: 'actions',
                    header: null,
                    cell: (partner) =>
                      canManage ? (
                        <Button
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          onClick={() => {
                            reset();
                            setPartners(partners.filter((item) => item.tenantId !== partner.tenantId));
                          }}
                          data-testid={`audience-remove-${partner.tenantId}`}
                        >
                          {t('marketplace.audience.remove')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            </div>
          )}
        </>
      ) : null}

      {dirty ? (
        <Caption1 className={styles.muted} data-testid="audience-unsaved">
          {t('marketplace.audience.unsaved')}
        </Caption1>
      ) : null}

      <div className={styles.toolbar}>
        {canManage ? (
          <Button appearance="primary" disabled={save.isPending || !dirty} onClick={() => { reset(); save.mutate(audienceInput()); }} data-testid="audience-save">
            {save.isPending ? t('marketplace.editor.saving') : t('marketplace.editor.saveDraft')}
          </Button>
        ) : null}
        {isLive && canPublish ? (
          <Tooltip content={dirty ? t('marketplace.audience.saveFirst') : t('marketplace.audience.syncHint')} relationship="description">
            <Button icon={<ArrowSyncRegular />} disabled={dirty || sync.isPending} onClick={() => { reset(); sync.mutate(); }} data-testid="audience-sync">
              {t('marketplace.audience.sync')}
            </Button>
          </Tooltip>
        ) : null}
        {isLive && canManage ? (
          <Button icon={<PersonSupportRegular />} disabled={!pending && !dirty} onClick={() => void requestChange()} data-testid="audience-request-change">
            {t('marketplace.audience.requestChange')}
          </Button>
        ) : null}
        <Button as="a" href={apiPath(`/offers/${offer.id}/csp-audience/export`)} download={`csp-audience-${offer.id}.csv`} icon={<ArrowDownloadRegular />} data-testid="audience-export">
          {t('marketplace.audience.export')}
        </Button>
        {canManage ? (
          <>
            <Button icon={<ArrowUploadRegular />} disabled={importCsv.isPending} onClick={() => fileInput.current?.click()} data-testid="audience-import">
              {t('marketplace.audience.import')}
            </Button>
            <input ref={fileInput} type="file" accept=".csv,text/csv" className={styles.hidden} onChange={(event) => void onFile(event)} data-testid="audience-import-file" />
          </>
        ) : null}
      </div>

      {picking ? (
        <PartnerPickerDialog
          existing={new Set(partners.map((partner) => partner.tenantId))}
          onClose={() => setPicking(false)}
          onAdd={(added) => {
            reset();
            setPartners([...partners, ...added.map((partner) => ({ tenantId: partner.tenantId, name: partner.name, country: partner.country, resoldAt: null }))]);
            setPicking(false);
          }}
        />
      ) : null}
    </div>
  );
}
