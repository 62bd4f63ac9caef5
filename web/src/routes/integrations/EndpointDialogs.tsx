// EVT-2: what a person does to a webhook endpoint, on the list and on its own page: add one (URL,
// description, the events it takes; none: all), then copy its signing secret, shown this once; edit it;
// disable or re-enable it; rotate its secret (the new one shown once, the previous one signing 24 hours
// more); delete it with its delivery log.
import { useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Checkbox, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular, EditRegular, KeyRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { EventType, WebhookEndpoint, WebhookEndpointWithSecret } from '@contracts/integrations';
import { useCreateWebhookEndpoint, useDeleteWebhookEndpoint, useEventTypes, useRotateWebhookSecret, useUpdateWebhookEndpoint } from '../../api/integrations';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { fieldError } from '../../problem';
import { useIntegrationLabels } from './labels';

const useStyles = makeStyles({
  surface: { maxWidth: '640px', width: '100%' },
  line: { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  events: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    maxHeight: '280px',
    overflowY: 'auto',
    padding: '4px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  eventLabel: { display: 'flex', flexDirection: 'column' },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  description: { color: tokens.colorNeutralForeground3 },
  secret: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
    wordBreak: 'break-all',
  },
});

/** The events an endpoint takes, each with its description; none ticked means every event. */
function EventTypePicker({ value, onChange, error }: { value: readonly EventType[]; onChange(next: EventType[]): void; error?: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useIntegrationLabels();
  const eventTypes = useEventTypes();
  return (
    <Field label={t('integrations.form.events')} hint={t('integrations.form.eventsHint')} validationMessage={error} validationState={error ? 'error' : 'none'}>
      {eventTypes.error ? (
        <ErrorBar error={eventTypes.error} testId="event-types-error" />
      ) : eventTypes.isPending ? (
        <Loading />
      ) : (
        <div className={styles.events} role="group" aria-label={t('integrations.form.events')} data-testid="endpoint-events">
          {eventTypes.data.items.map((type) => (
            <Checkbox
              key={type.name}
              checked={value.includes(type.name)}
              onChange={(_event, data) => onChange(data.checked === true ? [...value, type.name] : value.filter((name) => name !== type.name))}
              label={
                <span className={styles.eventLabel}>
                  <span className={styles.mono}>{type.name}</span>
                  <Caption1 className={styles.description}>{labels.eventDescription(type.name, type.description)}</Caption1>
                </span>
              }
              data-testid={`endpoint-event-${type.name}`}
            />
          ))}
        </div>
      )}
    </Field>
  );
}

/** The signing secret of an answer that made it: shown this once, with a copy button. */
export function SecretShownOnce({ secret, rotated }: { secret: string; rotated?: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <>
      <MessageBar intent="warning" data-testid="webhook-secret-once">
        <MessageBarBody>{t('integrations.secret.once')}</MessageBarBody>
      </MessageBar>
      <Field label={t('integrations.secret.label')}>
        <div className={styles.line}>
          <code className={styles.secret} data-testid="webhook-secret">
            {secret}
          </code>
          <CopyButton text={secret} data-testid="webhook-secret-copy" />
        </div>
      </Field>
      <Body1>{rotated ? t('integrations.secret.previousSigns') : t('integrations.secret.verifyHelp')}</Body1>
    </>
  );
}

/** Adds an endpoint, then shows its signing secret once; or edits one (URL, description, events). */
export function EndpointFormDialog({ editing, onClose }: { editing?: WebhookEndpoint; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [url, setUrl] = useState(editing?.url ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [eventTypes, setEventTypes] = useState<EventType[]>(editing?.eventTypes ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const create = useCreateWebhookEndpoint({ onSuccess: setCreated });
  const update = useUpdateWebhookEndpoint({ onSuccess: () => onClose() });
  const mutation = editing ? update : create;

  const trimmed = url.trim();
  const urlProblem = !trimmed ? t('validation.required') : !/^https?:\/\//i.test(trimmed) ? t('integrations.form.urlInvalid') : undefined;
  const errors = {
    url: (submitted ? urlProblem : undefined) ?? fieldError(mutation.error, '/url'),
    description: fieldError(mutation.error, '/description'),
    eventTypes: fieldError(mutation.error, '/eventTypes'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (urlProblem) return;
    const body = { url: trimmed, description: description.trim(), eventTypes };
    if (editing) update.mutate({ id: editing.id, patch: body });
    else create.mutate(body);
  };

  if (created) {
    return (
      <FormDialog
        open
        onClose={onClose}
        alert
        className={styles.surface}
        title={t('integrations.form.createdTitle')}
        actions={
          <Button appearance="primary" onClick={onClose} data-testid="endpoint-dialog-done">
            {t('common.done')}
          </Button>
        }
        testId="endpoint-dialog"
      >
        <Body1 className={styles.mono}>{created.url}</Body1>
        <SecretShownOnce secret={created.secret} />
      </FormDialog>
    );
  }
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      className={styles.surface}
      title={editing ? t('integrations.form.editTitle') : t('integrations.form.addTitle')}
      actions={
        <>
          <Button onClick={onClose} data-testid="endpoint-dialog-cancel">
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={mutation.isPending} data-testid="endpoint-dialog-submit">
            {editing ? t('common.save') : t('integrations.form.addSubmit')}
          </Button>
        </>
      }
      testId="endpoint-dialog"
    >
      {editing ? null : <Body1>{t('integrations.form.addDescription')}</Body1>}
      <ErrorBar error={mutation.error} fieldPaths={['/url', '/description', '/eventTypes']} testId="endpoint-dialog-error" />
      <Field label={t('integrations.form.url')} hint={t('integrations.form.urlHint')} required validationMessage={errors.url} validationState={errors.url ? 'error' : 'none'}>
        <Input type="url" value={url} onChange={(_event, data) => setUrl(data.value)} maxLength={2000} data-testid="endpoint-url" />
      </Field>
      <Field label={t('integrations.form.description')} validationMessage={errors.description} validationState={errors.description ? 'error' : 'none'}>
        <Textarea value={description} onChange={(_event, data) => setDescription(data.value)} maxLength={500} resize="vertical" data-testid="endpoint-description" />
      </Field>
      <EventTypePicker value={eventTypes} onChange={setEventTypes} error={errors.eventTypes} />
    </FormDialog>
  );
}

type Pending = 'delete' | 'rotate' | null;

/**
 * The buttons that change an endpoint (edit, disable or re-enable, rotate its secret, delete), with
 * their dialogs. `onDeleted` runs once the endpoint is gone (its own page leaves for the list).
 */
export function EndpointActions({ endpoint, onDeleted, size = 'small' }: { endpoint: WebhookEndpoint; onDeleted?(): void; size?: 'small' | 'medium' }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [rotated, setRotated] = useState<WebhookEndpointWithSecret | null>(null);
  const update = useUpdateWebhookEndpoint();
  const rotate = useRotateWebhookSecret({
    onSuccess: (answer) => {
      setPending(null);
      setRotated(answer);
    },
  });
  const remove = useDeleteWebhookEndpoint({
    onSuccess: () => {
      setPending(null);
      onDeleted?.();
    },
  });
  const active = endpoint.status === 'active';
  const appearance = size === 'small' ? 'subtle' : 'secondary';

  return (
    <>
      <div className={styles.actions}>
        <Button size={size} appearance={appearance} icon={<EditRegular />} onClick={() => setEditing(true)} data-testid="endpoint-edit">
          {t('integrations.actions.edit')}
        </Button>
        <Button
          size={size}
          appearance={appearance}
          icon={active ? <PauseRegular /> : <PlayRegular />}
          disabled={update.isPending}
          onClick={() => update.mutate({ id: endpoint.id, patch: { status: active ? 'disabled' : 'active' } })}
          data-testid="endpoint-toggle"
        >
          {active ? t('integrations.actions.disable') : t('integrations.actions.enable')}
        </Button>
        <Button size={size} appearance={appearance} icon={<KeyRegular />} onClick={() => setPending('rotate')} data-testid="endpoint-rotate">
          {t('integrations.actions.rotate')}
        </Button>
        <Button size={size} appearance={appearance} icon={<DeleteRegular />} onClick={() => setPending('delete')} data-testid="endpoint-delete">
          {t('integrations.actions.delete')}
        </Button>
      </div>
      {update.error ? <ErrorBar error={update.error} testId="endpoint-toggle-error" /> : null}

      {editing ? <EndpointFormDialog editing={endpoint} onClose={() => setEditing(false)} /> : null}
      <ConfirmDialog
        open={pending === 'rotate'}
        title={t('integrations.rotate.title')}
        message={t('integrations.rotate.message')}
        details={
          endpoint.previousSecretExpiresAt ? (
            <Body1 as="p">{t('integrations.rotate.previousPending', { date: format.dateTime(endpoint.previousSecretExpiresAt) })}</Body1>
          ) : undefined
        }
        confirmLabel={t('integrations.actions.rotate')}
        onConfirm={() => rotate.mutate(endpoint.id)}
        onCancel={() => setPending(null)}
        pending={rotate.isPending}
        error={rotate.error}
        testId="rotate-secret-dialog"
      />
      <ConfirmDialog
        open={pending === 'delete'}
        title={t('integrations.delete.title')}
        message={t('integrations.delete.message', { url: endpoint.url })}
        confirmLabel={t('integrations.actions.delete')}
        onConfirm={() => remove.mutate(endpoint.id)}
        onCancel={() => setPending(null)}
        pending={remove.isPending}
        error={remove.error}
        testId="delete-endpoint-dialog"
      />
      <FormDialog
        open={rotated !== null}
        onClose={() => setRotated(null)}
        alert
        className={styles.surface}
        title={t('integrations.rotate.doneTitle')}
        actions={
          <Button appearance="primary" onClick={() => setRotated(null)} data-testid="rotated-secret-done">
            {t('common.done')}
          </Button>
        }
        testId="rotated-secret-dialog"
      >
        {rotated ? <SecretShownOnce secret={rotated.secret} rotated /> : null}
      </FormDialog>
    </>
  );
}
