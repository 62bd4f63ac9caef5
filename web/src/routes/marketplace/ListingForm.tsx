import { useEffect, useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, Textarea, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../problem';
import { isPlausibleEmail } from '../../validation';
import { OfferErrorBar } from './OfferErrorBar';
import type { Listing } from './model';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '760px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  section: { marginTop: '8px' },
});

const EMPTY: Listing = {
  summary: '',
  description: '',
  supportContact: { email: '', phone: '', url: '' },
  cspMaterials: { salesMaterialsUrl: '', channelContact: { name: '', email: '', phone: '' } },
};

const LISTING_PATHS = ['/summary', '/description', '/supportContact', '/cspMaterials'] as const;

function trimmed(listing: Listing): Listing {
  return {
    summary: listing.summary.trim(),
    description: listing.description.trim(),
    supportContact: { email: listing.supportContact.email.trim(), phone: listing.supportContact.phone.trim(), url: listing.supportContact.url.trim() },
    cspMaterials: {
      salesMaterialsUrl: listing.cspMaterials.salesMaterialsUrl.trim(),
      channelContact: {
        name: listing.cspMaterials.channelContact.name.trim(),
        email: listing.cspMaterials.channelContact.email.trim(),
        phone: listing.cspMaterials.channelContact.phone.trim(),
      },
    },
  };
}

/** The Listing module: what customers read, the support contact (MKP-11) and the CSP materials (MKP-10). */
export function ListingForm(props: {
  listing: Listing | null;
  canManage: boolean;
  saving: boolean;
  error: unknown;
  saved: boolean;
  onSave(listing: Listing): void;
  onReload(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [value, setValue] = useState<Listing>(props.listing ?? EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const serverListing = JSON.stringify(props.listing);
  useEffect(() => {
    setValue(props.listing ?? EMPTY);
    // Reset only when the saved listing itself changes.
  }, [serverListing]);

  const required = (text: string) => (text.trim() ? undefined : t('validation.required'));
  const email = (text: string) => required(text) ?? (isPlausibleEmail(text) ? undefined : t('validation.email'));
  const url = (text: string) => required(text) ?? (/^https?:\/\/\S+\.\S+/.test(text.trim()) ? undefined : t('marketplace.listing.urlInvalid'));
  const phone = (text: string) => required(text) ?? (text.trim().length >= 3 ? undefined : t('marketplace.listing.phoneInvalid'));
  const clientErrors: Record<string, string | undefined> = {
    '/summary': required(value.summary),
    '/description': required(value.description),
    '/supportContact/email': email(value.supportContact.email),
    '/supportContact/phone': phone(value.supportContact.phone),
    '/supportContact/url': url(value.supportContact.url),
    '/cspMaterials/salesMaterialsUrl': url(value.cspMaterials.salesMaterialsUrl),
    '/cspMaterials/channelContact/name': required(value.cspMaterials.channelContact.name),
    '/cspMaterials/channelContact/email': email(value.cspMaterials.channelContact.email),
    '/cspMaterials/channelContact/phone': phone(value.cspMaterials.channelContact.phone),
  };
  const field = (path: string) => {
    const message = (submitted ? clientErrors[path] : undefined) ?? fieldError(props.error, path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const setSupport = (key: keyof Listing['supportContact'], text: string) => setValue({ ...value, supportContact: { ...value.supportContact, [key]: text } });
  const setChannel = (key: keyof Listing['cspMaterials']['channelContact'], text: string) =>
    setValue({ ...value, cspMaterials: { ...value.cspMaterials, channelContact: { ...value.cspMaterials.channelContact, [key]: text } } });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    props.onSave(trimmed(value));
  };
  const readOnly = !props.canManage;

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="listing-form">
      <OfferErrorBar error={props.error} fieldPaths={LISTING_PATHS} onReload={props.onReload} testId="listing-error" />
      {props.saved ? (
        <MessageBar intent="success" data-testid="listing-saved">
          <MessageBarBody>{t('marketplace.editor.savedDraft')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t('marketplace.listing.summary')} required hint={t('marketplace.listing.summaryHint')} {...field('/summary')}>
        <Input value={value.summary} maxLength={200} readOnly={readOnly} onChange={(_e, data) => setValue({ ...value, summary: data.value })} data-testid="listing-summary" />
      </Field>
      <Field label={t('marketplace.listing.description')} required {...field('/description')}>
        <Textarea value={value.description} maxLength={5000} rows={5} readOnly={readOnly} onChange={(_e, data) => setValue({ ...value, description: data.value })} data-testid="listing-description" />
      </Field>

      <Subtitle2 as="h3" className={styles.section}>
        {t('marketplace.listing.supportTitle')}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={t('marketplace.listing.supportEmail')} required {...field('/supportContact/email')}>
          <Input type="email" value={value.supportContact.email} readOnly={readOnly} onChange={(_e, data) => setSupport('email', data.value)} data-testid="listing-support-email" />
        </Field>
        <Field label={t('marketplace.listing.supportPhone')} required {...field('/supportContact/phone')}>
          <Input type="tel" value={value.supportContact.phone} readOnly={readOnly} onChange={(_e, data) => setSupport('phone', data.value)} data-testid="listing-support-phone" />
        </Field>
      </div>
      <Field label={t('marketplace.listing.supportUrl')} required {...field('/supportContact/url')}>
        <Input type="url" placeholder="https://" value={value.supportContact.url} readOnly={readOnly} onChange={(_e, data) => setSupport('url', data.value)} data-testid="listing-support-url" />
      </Field>

      <Subtitle2 as="h3" className={styles.section}>
        {t('marketplace.listing.cspTitle')}
      </Subtitle2>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t('marketplace.listing.cspIntro')}</MessageBarBody>
      </MessageBar>
      <Field label={t('marketplace.listing.salesMaterialsUrl')} required {...field('/cspMaterials/salesMaterialsUrl')}>
        <Input
          type="url"
          placeholder="https://"
          value={value.cspMaterials.salesMaterialsUrl}
          readOnly={readOnly}
          onChange={(_e, data) => setValue({ ...value, cspMaterials: { ...value.cspMaterials, salesMaterialsUrl: data.value } })}
          data-testid="listing-sales-materials-url"
        />
      </Field>
      <div className={styles.row}>
        <Field label={t('marketplace.listing.channelName')} required {...field('/cspMaterials/channelContact/name')}>
          <Input value={value.cspMaterials.channelContact.name} readOnly={readOnly} onChange={(_e, data) => setChannel('name', data.value)} data-testid="listing-channel-name" />
        </Field>
        <Field label={t('marketplace.listing.channelEmail')} required {...field('/cspMaterials/channelContact/email')}>
          <Input type="email" value={value.cspMaterials.channelContact.email} readOnly={readOnly} onChange={(_e, data) => setChannel('email', data.value)} data-testid="listing-channel-email" />
        </Field>
        <Field label={t('marketplace.listing.channelPhone')} required {...field('/cspMaterials/channelContact/phone')}>
          <Input type="tel" value={value.cspMaterials.channelContact.phone} readOnly={readOnly} onChange={(_e, data) => setChannel('phone', data.value)} data-testid="listing-channel-phone" />
        </Field>
      </div>
      {props.canManage ? (
        <div>
          <Button appearance="primary" type="submit" disabled={props.saving} data-testid="listing-save">
            {props.saving ? t('marketplace.editor.saving') : t('marketplace.editor.saveDraft')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
