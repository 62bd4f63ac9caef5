import { useState, type FormEvent } from 'react';
import {
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
  makeStyles,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCreateResellerInvitation } from '../../api/relationships';
import { keys } from '../../api/keys';
import { EmailLanguagePicker } from '../../components/EmailLanguagePicker';
import { ErrorBar } from '../../components/ErrorBar';
import { InvitationDraft } from '../../components/InvitationDraft';
import { currentLanguage, type Language } from '../../i18n';
import { fieldError } from '../../problem';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  surface: { maxWidth: '720px', width: '100%' },
});

const FIELD_PATHS = ['/email', '/locale'] as const;

/**
 * REL-2 "Request a reseller relationship": a single-use link and a draft email, which the provider
 * edits and then copies, opens in its email program, or has Channel Center send.
 */
export function RequestResellerDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Language>(() => currentLanguage());
  const [submitted, setSubmitted] = useState(false);

  const create = useCreateResellerInvitation({
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.resellerInvitations.all }),
  });

  const close = () => {
    setEmail('');
    setLocale(currentLanguage());
    setSubmitted(false);
    create.reset();
    onClose();
  };

  const clientError = submitted && email.trim() && !isPlausibleEmail(email) ? t('validation.email') : undefined;
  const emailError = clientError ?? fieldError(create.error, '/email');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (email.trim() && !isPlausibleEmail(email)) return;
    create.mutate({ ...(email.trim() ? { email: email.trim() } : {}), locale });
  };

  const invitation = create.data;

  return (
    <Dialog
      open={open}
      modalType={invitation ? 'alert' : 'modal'}
      onOpenChange={(_event, data) => {
        if (!data.open) close();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined} data-testid="request-reseller-dialog">
        {invitation?.draftEmail ? (
          <DialogBody>
            <DialogTitle>{t('resellerInvitation.draftTitle')}</DialogTitle>
            <DialogContent>
              <InvitationDraft
                link={invitation.link}
                draft={invitation.draftEmail}
                initialTo={invitation.email}
                sendPath={`/reseller-invitations/${encodeURIComponent(invitation.id)}/send`}
                testIdPrefix="reseller-invitation"
                onSent={() => void queryClient.invalidateQueries({ queryKey: keys.resellerInvitations.all })}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close} data-testid="request-reseller-close">
                {t('common.close')}
              </Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <DialogBody>
              <DialogTitle>{t('resellerInvitation.title')}</DialogTitle>
              <DialogContent className={styles.form}>
                <Body1>{t('resellerInvitation.description')}</Body1>
                <ErrorBar error={create.error} fieldPaths={FIELD_PATHS} testId="request-reseller-error" />
                <Field
                  label={t('resellerInvitation.email')}
                  hint={t('resellerInvitation.emailHint')}
                  validationMessage={emailError}
                  validationState={emailError ? 'error' : 'none'}
                >
                  <Input type="email" value={email} onChange={(_event, data) => setEmail(data.value)} data-testid="request-reseller-email" />
                </Field>
                <EmailLanguagePicker value={locale} onChange={setLocale} testId="request-reseller-locale" />
              </DialogContent>
              <DialogActions>
                <Button onClick={close} data-testid="request-reseller-cancel">
                  {t('common.cancel')}
                </Button>
                <Button appearance="primary" type="submit" disabled={create.isPending} data-testid="request-reseller-create">
                  {create.isPending ? t('resellerInvitation.creating') : t('resellerInvitation.create')}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        )}
      </DialogSurface>
    </Dialog>
  );
}
