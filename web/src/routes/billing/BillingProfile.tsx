// BIL-1: the tenant's billing profile — the legal name, tax ID, billing address and billing e-mail the
// documents it issues or receives show from then on (issued ones keep the profile they were issued with).
// Until one is set the page invites a billing admin to set it; with billing.manage it is set and changed
// in a form, the server's field errors shown at their fields.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Card, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, EditRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { BillingProfile, BillingProfileBody } from '@contracts/billing';
import { addressBody, addressValues, missingAddressFields, type AddressField, type AddressValues } from '../../address';
import { useBillingProfile, useSetBillingProfile } from '../../api/billing';
import { AddressFields, AddressView } from '../../components/AddressFields';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { PERMISSIONS, hasPermission } from '../../permissions';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '820px' },
  card: { display: 'flex', flexDirection: 'column', gap: '12px' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) minmax(0, 1fr)',
    columnGap: '20px',
    rowGap: '8px',
    alignItems: 'baseline',
    margin: 0,
    // Narrow screens: each label above its value.
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: '2px' },
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere', '@media (max-width: 480px)': { marginBottom: '8px' } },
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

/** What the form edits: every part a string, empty when not given. */
interface ProfileValues {
  legalName: string;
  taxId: string;
  address: AddressValues;
  email: string;
}

function valuesOf(profile: BillingProfile | null, defaultCountry: string): ProfileValues {
  return {
    legalName: profile?.legalName ?? '',
    taxId: profile?.taxId ?? '',
    address: addressValues(profile?.address, defaultCountry),
    email: profile?.email ?? '',
  };
}

/** The profile as the API takes it: trimmed, an empty tax ID or e-mail cleared (null). */
function bodyOf(values: ProfileValues): BillingProfileBody {
  return {
    legalName: values.legalName.trim(),
    taxId: values.taxId.trim() || null,
    address: addressBody(values.address),
    email: values.email.trim() || null,
  };
}

const FIELD_PATHS = ['/legalName', '/taxId', '/address', '/email'] as const;

function ProfileForm({ profile, defaultCountry, onClose, onSaved }: { profile: BillingProfile | null; defaultCountry: string; onClose(): void; onSaved(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [values, setValues] = useState<ProfileValues>(() => valuesOf(profile, defaultCountry));
  const [submitted, setSubmitted] = useState(false);
  const save = useSetBillingProfile({ onSuccess: () => onSaved() });

  const missing = missingAddressFields(values.address);
  const legalNameClient = values.legalName.trim() ? undefined : t('validation.required');
  const emailClient = values.email.trim() && !isPlausibleEmail(values.email.trim()) ? t('validation.email') : undefined;
  const shown = (client: string | undefined) => (submitted ? client : undefined);
  const legalNameError = shown(legalNameClient) ?? fieldError(save.error, '/legalName');
  const taxIdError = fieldError(save.error, '/taxId');
  const emailError = shown(emailClient) ?? fieldError(save.error, '/email');
  const addressError = (field: AddressField) =>
    shown(missing.includes(field) ? (field === 'country' ? t('validation.countryRequired') : t('validation.required')) : undefined) ??
    fieldError(save.error, `/address/${field}`);
  const state = (error: string | undefined) => (error ? ('error' as const) : ('none' as const));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (legalNameClient || emailClient || missing.length > 0) return;
    save.mutate(bodyOf(values));
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label={profile ? t('billing.profile.editTitle') : t('billing.profile.setTitle')} data-testid="billing-profile-form">
      <ErrorBar error={save.error} fieldPaths={FIELD_PATHS} testId="billing-profile-error" />
      <Field label={t('billing.profile.legalName')} hint={legalNameError ? undefined : t('billing.profile.legalNameHint')} required validationMessage={legalNameError} validationState={state(legalNameError)}>
        <Input
          value={values.legalName}
          onChange={(_event, data) => setValues({ ...values, legalName: data.value })}
          autoComplete="organization"
          data-testid="billing-profile-legal-name-input"
        />
      </Field>
      <Field label={t('billing.profile.taxId')} hint={taxIdError ? undefined : t('billing.profile.taxIdHint')} validationMessage={taxIdError} validationState={state(taxIdError)}>
        <Input value={values.taxId} onChange={(_event, data) => setValues({ ...values, taxId: data.value })} autoComplete="off" data-testid="billing-profile-tax-id-input" />
      </Field>
      <AddressFields value={values.address} onChange={(address) => setValues({ ...values, address })} errorFor={addressError} testIdPrefix="billing-profile-address" />
      <Field label={t('billing.profile.email')} hint={emailError ? undefined : t('billing.profile.emailHint')} validationMessage={emailError} validationState={state(emailError)}>
        <Input
          type="email"
          value={values.email}
          onChange={(_event, data) => setValues({ ...values, email: data.value })}
          autoComplete="email"
          data-testid="billing-profile-email-input"
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="billing-profile-save">
          {t('common.save')}
        </Button>
        <Button onClick={onClose} data-testid="billing-profile-cancel">
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Detail({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.value} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function ProfileDetails({ profile }: { profile: BillingProfile }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className={styles.details} data-testid="billing-profile-details">
      <Detail label={t('billing.profile.legalName')} testId="billing-profile-legal-name">
        {profile.legalName}
      </Detail>
      <Detail label={t('billing.profile.taxId')} testId="billing-profile-tax-id">
        {profile.taxId ?? t('billing.profile.none')}
      </Detail>
      <Detail label={t('billing.profile.address')} testId="billing-profile-address">
        <AddressView address={profile.address} />
      </Detail>
      <Detail label={t('billing.profile.email')} testId="billing-profile-email">
        {profile.email ?? t('billing.profile.none')}
      </Detail>
      <Detail label={t('billing.profile.updatedAt')} testId="billing-profile-updated">
        {format.dateTime(profile.updatedAt)}
      </Detail>
    </dl>
  );
}

function BillingProfileContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const profile = useBillingProfile();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const canManage = hasPermission(me?.permissions, PERMISSIONS.billingManage);

  if (profile.error) return <ErrorBar error={profile.error} testId="billing-profile-load-error" />;
  if (profile.isPending) return <Loading />;
  const current = profile.data;
  const open = () => {
    setSaved(false);
    setEditing(true);
  };

  return (
    <div className={styles.root}>
      {saved ? (
        <MessageBar intent="success" politeness="polite" data-testid="billing-profile-saved">
          <MessageBarBody>{t('billing.profile.saved')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {editing ? (
        <Card className={styles.card} data-testid="billing-profile">
          <ProfileForm
            profile={current}
            defaultCountry={me?.tenant.country ?? ''}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setSaved(true);
            }}
          />
        </Card>
      ) : current ? (
        <Card className={styles.card} data-testid="billing-profile">
          <ProfileDetails profile={current} />
          {canManage ? (
            <div className={styles.actions}>
              <Button icon={<EditRegular />} onClick={open} data-testid="billing-profile-edit">
                {t('billing.profile.edit')}
              </Button>
            </div>
          ) : null}
        </Card>
      ) : (
        <>
          <MessageBar intent="info" layout="multiline" data-testid="billing-profile-missing">
            <MessageBarBody>
              <MessageBarTitle>{t('billing.profile.missingTitle')}</MessageBarTitle>
              {canManage ? t('billing.profile.missing') : t('billing.profile.missingAsk')}
            </MessageBarBody>
          </MessageBar>
          {canManage ? (
            <div className={styles.actions}>
              <Button appearance="primary" icon={<AddRegular />} onClick={open} data-testid="billing-profile-set">
                {t('billing.profile.set')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

export default function BillingProfilePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="billing-profile-page">
      <PageHeader title={t('billing.profile.title')} description={t('billing.profile.description')} />
      <RequirePermission permission={PERMISSIONS.billingRead}>
        <BillingProfileContent />
      </RequirePermission>
    </div>
  );
}
