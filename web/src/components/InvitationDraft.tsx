import { useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { MailRegular, SendRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useSendDraftEmail } from '../api/identity';
import { fieldError } from '../problem';
import { isPlausibleEmail } from '../validation';
import type { DraftEmail } from '@contracts/platform';
import { CopyButton } from './CopyButton';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  link: { display: 'flex', gap: '8px', alignItems: 'center' },
  linkValue: {
    flexGrow: 1,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    wordBreak: 'break-all',
    userSelect: 'all',
  },
  body: { minHeight: '220px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
});

const FIELD_PATHS = ['/to', '/subject', '/body'] as const;
/** The API refuses a body without the invitation link (`invitation_link_missing`): shown next to the body. */
const FIELD_CODES: Record<string, readonly string[]> = { '/body': ['invitation_link_missing'] };

/** A `mailto:` link with the subject and body filled in, for the person's own email program. */
export function mailtoHref(to: string, subject: string, body: string): string {
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${encodeURIComponent(to.trim()).replace(/%40/g, '@')}?${query}`;
}

export interface InvitationDraftProps {
  /** The single-use link, returned once when the invitation was created. */
  link?: string;
  draft: DraftEmail;
  /** Recipient entered when the invitation was created. */
  initialTo?: string | null;
  /** API path of `POST …/send`. */
  sendPath: string;
  testIdPrefix: string;
  onSent?(to: string): void;
}

/**
 * REL-2 / CUS-1: the editable draft email of an invitation, with the link. It can be copied, opened
 * in the person's email program, or sent by Channel Center; the link must stay in the body.
 */
export function InvitationDraft({ link, draft, initialTo, sendPath, testIdPrefix, onSent }: InvitationDraftProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [to, setTo] = useState(initialTo ?? '');
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [submitted, setSubmitted] = useState(false);

  const send = useSendDraftEmail(sendPath, {
    onSuccess: (_result, input) => onSent?.(input.to),
  });

  const clientErrors: Record<string, string | undefined> = {
    '/to': !to.trim() ? t('validation.required') : isPlausibleEmail(to) ? undefined : t('validation.email'),
    '/subject': subject.trim() ? undefined : t('validation.required'),
    // Whether the link is still in the body is the API's call (422 `invitation_link_missing`, shown here).
    '/body': body.trim() ? undefined : t('validation.required'),
  };
  // The API names `/body` for a missing link but has no field message for that code: its detail says it.
  const linkMissing = send.error instanceof ApiError && send.error.code === 'invitation_link_missing';
  const apiError = (path: string) =>
    path === '/body' && linkMissing ? (send.error as ApiError).problem.detail || fieldError(send.error, path) : fieldError(send.error, path, FIELD_CODES[path]);
  const errorFor = (path: string) => (submitted ? clientErrors[path] : undefined) ?? apiError(path);
  const fieldProps = (path: string) => {
    const message = errorFor(path);
    return {
      validationMessage: message ? <span data-testid={`${testIdPrefix}-error${path.replace('/', '-')}`}>{message}</span> : undefined,
      validationState: message ? ('error' as const) : ('none' as const),
    };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    send.mutate({ to: to.trim(), subject: subject.trim(), body });
  };

  const sent = send.isSuccess ? send.variables?.to : undefined;

  return (
    <form className={styles.root} onSubmit={onSubmit} noValidate data-testid={`${testIdPrefix}-draft`}>
      {link ? (
        <>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('draftEmail.linkOnce')}</MessageBarBody>
          </MessageBar>
          <Field label={t('draftEmail.link')}>
            <div className={styles.link}>
              <code className={styles.linkValue} data-testid={`${testIdPrefix}-link`}>
                {link}
              </code>
              <CopyButton text={link} data-testid={`${testIdPrefix}-link-copy`} />
            </div>
          </Field>
        </>
      ) : null}
      <Body1>{t('draftEmail.intro')}</Body1>
      {linkMissing ? null : <ErrorBar error={send.error} fieldPaths={FIELD_PATHS} fieldCodes={FIELD_CODES['/body']} testId={`${testIdPrefix}-send-error`} />}
      {sent ? (
        <MessageBar intent="success" data-testid={`${testIdPrefix}-sent`}>
          <MessageBarBody>
            <MessageBarTitle>{t('draftEmail.sentTitle')}</MessageBarTitle>
            {t('draftEmail.sent', { email: sent })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t('draftEmail.to')} required {...fieldProps('/to')}>
        <Input type="email" value={to} onChange={(_event, data) => setTo(data.value)} data-testid={`${testIdPrefix}-to`} />
      </Field>
      <Field label={t('draftEmail.subject')} required {...fieldProps('/subject')}>
        <Input value={subject} maxLength={300} onChange={(_event, data) => setSubject(data.value)} data-testid={`${testIdPrefix}-subject`} />
      </Field>
      <Field label={t('draftEmail.body')} required hint={t('draftEmail.bodyHint')} {...fieldProps('/body')}>
        <Textarea
          className={styles.body}
          value={body}
          resize="vertical"
          onChange={(_event, data) => setBody(data.value)}
          data-testid={`${testIdPrefix}-body`}
        />
      </Field>
      <div className={styles.actions}>
        <CopyButton text={`${subject}\n\n${body}`} label={t('draftEmail.copy')} data-testid={`${testIdPrefix}-copy`} />
        <Button as="a" href={mailtoHref(to, subject, body)} icon={<MailRegular />} data-testid={`${testIdPrefix}-mailto`}>
          {t('draftEmail.openInEmail')}
        </Button>
        <Button appearance="primary" type="submit" icon={<SendRegular />} disabled={send.isPending} data-testid={`${testIdPrefix}-send`}>
          {send.isPending ? t('draftEmail.sending') : t('draftEmail.send')}
        </Button>
      </div>
    </form>
  );
}
