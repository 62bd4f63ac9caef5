import { useEffect, useState, type FormEvent } from 'react';
import { Button, Caption1, Card, CardHeader, Field, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EnrollmentHistoryEntry, ReviewNotes } from '@contracts/enrollment';
import { keys } from '../../api/keys';
import { useEnrollmentHistory, useSaveReviewNotes } from '../../api/operator';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { useEnrollmentLabels } from '../../labels';
import { fieldError } from '../../problem';
import { ENROLLMENT_STATUSES } from '../../values';

const MAX_NOTES = 10_000;

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '12px' },
  form: { display: 'flex', flexDirection: 'column', gap: '8px' },
  actions: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
});

/**
 * ENR-6: the reviewers' notes on an enrollment (only the operator's reviewers see them): one text,
 * saved as a whole, with who saved it last; each save is recorded in the enrollment's history.
 */
export function ReviewNotesCard({ enrollmentId, notes, canEdit }: { enrollmentId: string; notes: ReviewNotes; canEdit: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState(notes.notes);
  const [saved, setSaved] = useState(false);
  const dirty = text !== notes.notes;
  // The saved text replaces the field's while nobody is typing in it.
  useEffect(() => {
    if (!dirty) setText(notes.notes);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notes.notes]);
  const save = useSaveReviewNotes(enrollmentId, {
    onSuccess: async (result) => {
      setText(result.notes);
      setSaved(true);
      // The detail's notes and, under the same key, the history.
      await queryClient.invalidateQueries({ queryKey: keys.operator.enrollment(enrollmentId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(text);
  };
  const error = fieldError(save.error, '/notes');
  return (
    <Card className={styles.card} data-testid="review-notes-card">
      <CardHeader header={<Text weight="semibold">{t('enrollmentReview.notes.title')}</Text>} />
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        <ErrorBar error={save.error} fieldPaths={['/notes']} testId="review-notes-error" />
        <Field label={t('enrollmentReview.notes.label')} hint={t('enrollmentReview.notes.hint')} validationMessage={error} validationState={error ? 'error' : 'none'}>
          <Textarea
            value={text}
            rows={5}
            resize="vertical"
            maxLength={MAX_NOTES}
            readOnly={!canEdit}
            onChange={(_event, data) => {
              setSaved(false);
              setText(data.value);
            }}
            data-testid="review-notes"
          />
        </Field>
        <div className={styles.actions}>
          {canEdit ? (
            <Button type="submit" appearance="primary" icon={<SaveRegular />} disabled={!dirty || save.isPending} data-testid="review-notes-save">
              {save.isPending ? t('enrollmentReview.notes.saving') : t('enrollmentReview.notes.save')}
            </Button>
          ) : null}
          {notes.updatedAt ? (
            <Caption1 className={styles.muted} data-testid="review-notes-updated">
              {notes.updatedBy
                ? t('enrollmentReview.notes.updatedBy', { name: notes.updatedBy.name, date: format.dateTime(notes.updatedAt) })
                : t('enrollmentReview.notes.updated', { date: format.dateTime(notes.updatedAt) })}
            </Caption1>
          ) : null}
        </div>
        {saved && !dirty ? (
          <MessageBar intent="success" data-testid="review-notes-saved">
            <MessageBarBody>{t('enrollmentReview.notes.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
      </form>
    </Card>
  );
}

/** What a history entry did, in words: a status change (with its reason), the notes, creation. */
function useHistoryText() {
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  return (entry: EnrollmentHistoryEntry): string => {
    const [, what = ''] = /^enrollment\.(.+)$/.exec(entry.action) ?? [];
    if (what === 'created') return t('enrollmentReview.history.created');
    if (what === 'verificationResent') return t('enrollmentReview.history.verificationResent');
    if (what === 'reviewNotesUpdated') return t('enrollmentReview.history.notesUpdated');
    if ((ENROLLMENT_STATUSES as readonly string[]).includes(what)) {
      const reason = (entry.after as { decisionReason?: unknown } | null)?.decisionReason;
      const status = t('enrollmentReview.history.status', { status: labels.status(what) });
      return typeof reason === 'string' && reason ? t('enrollmentReview.history.withReason', { change: status, reason }) : status;
    }
    return entry.action;
  };
}

/** ENR-6: the enrollment's history, newest first: who did what, when (its audit records). */
export function EnrollmentHistoryCard({ enrollmentId }: { enrollmentId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useHistoryText();
  const history = useEnrollmentHistory(enrollmentId);
  const who = (entry: EnrollmentHistoryEntry) => {
    if (!entry.actorName && !entry.actorTenantName) return t('enrollmentReview.history.system');
    if (entry.actorName && entry.actorTenantName) return t('enrollmentReview.history.actor', { name: entry.actorName, organization: entry.actorTenantName });
    return entry.actorName ?? entry.actorTenantName ?? '';
  };
  return (
    <Card className={styles.card} data-testid="review-history">
      <CardHeader header={<Text weight="semibold">{t('enrollmentReview.history.title')}</Text>} />
      {history.error ? (
        <ErrorBar error={history.error} testId="review-history-error" />
      ) : history.isPending ? (
        <Loading />
      ) : history.data.items.length === 0 ? (
        <Caption1 className={styles.muted}>{t('enrollmentReview.history.empty')}</Caption1>
      ) : (
        <div className={styles.tableWrap}>
          <DataTable<EnrollmentHistoryEntry>
            size="small"
            aria-label={t('enrollmentReview.history.title')}
            testId="review-history-table"
            rows={history.data.items}
            rowId={(entry) => entry.id}
            rowProps={(entry) => ({ 'data-testid': 'review-history-entry', 'data-action': entry.action })}
            columns={[
              { id: 'at', header: t('enrollmentReview.history.columnWhen'), cell: (entry) => format.dateTime(entry.at) },
              { id: 'what', header: t('enrollmentReview.history.columnWhat'), cell: (entry) => <span data-testid="review-history-what">{describe(entry)}</span> },
              { id: 'who', header: t('enrollmentReview.history.columnWho'), cell: (entry) => <span data-testid="review-history-who">{who(entry)}</span> },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
