import { useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ErrorBar } from '../../../components/ErrorBar';
import { fieldError } from '../../../problem';
import type { Warning } from '@contracts/enrollment';
import { contactProblems, type ContactValues, type SupportValues } from './model';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  section: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
});

const CONTACT_PATHS = ['/primaryContact'] as const;
const SUPPORT_PATHS = ['/email', '/phone', '/website'] as const;

export interface ContactsStepProps {
  contact: ContactValues;
  onContactChange(contact: ContactValues): void;
  support: SupportValues;
  onSupportChange(support: SupportValues): void;
  /** Saves the legal profile (with the primary contact) and the support profile. */
  onSave(): void;
  saving: boolean;
  legalError: unknown;
  supportError: unknown;
  /** Warnings of the saved legal profile (e.g. a web-mail contact, ENR-4). */
  warnings: readonly Warning[];
  onContinue(): void;
  onBack(): void;
}

/** ENR-2, ENR-4: the primary contact (part of the legal profile) and the customer-support details. */
export function ContactsStep(props: ContactsStepProps) {
  const { contact, onContactChange, support, onSupportChange, onSave, saving, legalError, supportError, warnings, onContinue, onBack } = props;
  const styles = useStyles();
  const { t } = useTranslation();
  const [submitted, setSubmitted] = useState(false);

  const problems = contactProblems(contact, support, (key) => (key === 'email' ? t('validation.email') : t('validation.required')));
  const contactError = (field: keyof ContactValues) =>
    (submitted ? problems[`/primaryContact/${field}`] : undefined) ?? fieldError(legalError, `/primaryContact/${field}`);
  const supportFieldError = (field: keyof SupportValues) =>
    (submitted ? problems[`/support/${field}`] : undefined) ?? fieldError(supportError, `/${field}`);
  const state = (message: string | undefined) => ({
    validationMessage: message,
    validationState: message ? ('error' as const) : ('none' as const),
  });

  const emailError = contactError('email');
  const emailWarning = warnings.find((warning) => warning.path === '/primaryContact/email')?.message;
  const emailState = emailError
    ? state(emailError)
    : emailWarning
      ? { validationMessage: emailWarning, validationState: 'warning' as const }
      : state(undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    onSave();
  };

  const setContact = (field: keyof ContactValues) => (value: string) => onContactChange({ ...contact, [field]: value });
  const setSupport = (field: keyof SupportValues) => (value: string) => onSupportChange({ ...support, [field]: value });

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="apply-contacts">
      <Body1>{t('enrollment.contacts.intro')}</Body1>
      {legalError ? <ErrorBar error={legalError} fieldPaths={[...CONTACT_PATHS, '/legalName', '/address', '/dunsNumber']} testId="contacts-legal-error" /> : null}
      {supportError ? <ErrorBar error={supportError} fieldPaths={SUPPORT_PATHS} testId="contacts-support-error" /> : null}

      <Text weight="semibold" className={styles.section}>
        {t('enrollment.contacts.primarySection')}
      </Text>
      <div className={styles.row}>
        <Field label={t('enrollment.contacts.firstName')} required {...state(contactError('firstName'))}>
          <Input
            value={contact.firstName}
            onChange={(_event, data) => setContact('firstName')(data.value)}
            autoComplete="given-name"
            data-testid="contact-first-name"
          />
        </Field>
        <Field label={t('enrollment.contacts.lastName')} required {...state(contactError('lastName'))}>
          <Input
            value={contact.lastName}
            onChange={(_event, data) => setContact('lastName')(data.value)}
            autoComplete="family-name"
            data-testid="contact-last-name"
          />
        </Field>
      </div>
      <Field
        label={t('enrollment.contacts.email')}
        hint={t('enrollment.contacts.emailHint')}
        required
        {...emailState}
      >
        <Input
          type="email"
          value={contact.email}
          onChange={(_event, data) => setContact('email')(data.value)}
          autoComplete="email"
          data-testid="contact-email"
        />
      </Field>
      <Field label={t('enrollment.contacts.phone')} hint={t('enrollment.contacts.phoneHint')} required {...state(contactError('phone'))}>
        <Input
          type="tel"
          value={contact.phone}
          onChange={(_event, data) => setContact('phone')(data.value)}
          autoComplete="tel"
          data-testid="contact-phone"
        />
      </Field>

      <Divider />
      <Text weight="semibold" className={styles.section}>
        {t('enrollment.contacts.supportSection')}
      </Text>
      <Body1>{t('enrollment.contacts.supportIntro')}</Body1>
      <Field label={t('enrollment.contacts.supportEmail')} required {...state(supportFieldError('email'))}>
        <Input
          type="email"
          value={support.email}
          onChange={(_event, data) => setSupport('email')(data.value)}
          data-testid="support-email"
        />
      </Field>
      <Field label={t('enrollment.contacts.supportPhone')} required {...state(supportFieldError('phone'))}>
        <Input
          type="tel"
          value={support.phone}
          onChange={(_event, data) => setSupport('phone')(data.value)}
          data-testid="support-phone"
        />
      </Field>
      <Field
        label={t('enrollment.contacts.website')}
        hint={t('enrollment.contacts.websiteHint')}
        required
        {...state(supportFieldError('website'))}
      >
        <Input
          type="url"
          value={support.website}
          onChange={(_event, data) => setSupport('website')(data.value)}
          placeholder="https://"
          data-testid="support-website"
        />
      </Field>

      {warnings.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="legal-warnings">
          <MessageBarBody>
            <MessageBarTitle>{t('enrollment.contacts.warningsTitle')}</MessageBarTitle>
            {warnings.map((warning) => (
              <span key={`${warning.code}-${warning.path ?? ''}`} data-testid={`legal-warning-${warning.code}`}>
                {warning.message}{' '}
              </span>
            ))}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onContinue} data-testid="legal-warnings-continue">
              {t('enrollment.contacts.continueAnyway')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      <div className={styles.actions}>
        <Button onClick={onBack} data-testid="apply-back">
          {t('enrollment.apply.back')}
        </Button>
        <Button appearance="primary" type="submit" disabled={saving} data-testid="apply-next">
          {saving ? t('enrollment.apply.saving') : t('enrollment.apply.saveAndContinue')}
        </Button>
      </div>
    </form>
  );
}
