import { useState, type FormEvent } from 'react';
import { Body1, Field, Input } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCreateResellerInvitation } from '../../api/relationships';
import { keys } from '../../api/keys';
import { EmailLanguagePicker } from '../../components/EmailLanguagePicker';
import { ErrorBar } from '../../components/ErrorBar';
import { InvitationLinkDialog } from '../../components/InvitationLinkDialog';
import { currentLanguage, type Language } from '../../i18n';
import { fieldError } from '../../problem';
import { isPlausibleEmail } from '../../validation';

const FIELD_PATHS = ['/email', '/locale'] as const;

/**
 * REL-2 "Request a reseller relationship": a single-use link and a draft email, which the provider
 * edits and then copies, opens in its email program, or has Channel Center send.
 */
export function RequestResellerDialog({ open, onClose }: { open: boolean; onClose(): void }) {
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

  return (
    <InvitationLinkDialog
      open={open}
      onClose={close}
      invitation={create.data}
      onSubmit={onSubmit}
      pending={create.isPending}
      texts={{
        title: t('resellerInvitation.title'),
        draftTitle: t('resellerInvitation.draftTitle'),
        create: t('resellerInvitation.create'),
        creating: t('resellerInvitation.creating'),
      }}
      sendPath={(id) => `/reseller-invitations/${encodeURIComponent(id)}/send`}
      onSent={() => void queryClient.invalidateQueries({ queryKey: keys.resellerInvitations.all })}
      testIdPrefix="request-reseller"
      draftTestIdPrefix="reseller-invitation"
    >
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
    </InvitationLinkDialog>
  );
}
