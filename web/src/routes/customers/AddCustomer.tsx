import { useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Card,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular, CartRegular, CheckmarkRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useCreateCustomer } from '../../api/customers';
import { emptyAddress, type AddressField, type AddressValues } from '../../address';
import { useRelationships } from '../../api/channel';
import { keys } from '../../api/keys';
import { AddressFields, AddressView } from '../../components/AddressFields';
import { CopyButton } from '../../components/CopyButton';
import { CountryPicker } from '../../components/CountryPicker';
import { ErrorBar } from '../../components/ErrorBar';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../components/RequirePermission';
import { useFormat } from '../../format';
import { LANGUAGES, currentLanguage, isLanguage, type Language } from '../../i18n';
import { useLanguageNames } from '../../i18n/useLanguageNames';
import { PERMISSIONS } from '../../permissions';
import { fieldError } from '../../problem';
import { isPlausibleEmail } from '../../validation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '760px' },
  steps: { display: 'flex', gap: '8px', flexWrap: 'wrap', margin: 0, padding: 0, listStyleType: 'none' },
  step: {
    padding: '4px 12px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
  },
  stepCurrent: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  stepDone: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2 },
  card: { display: 'flex', flexDirection: 'column', gap: '14px', padding: '20px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: '12px', alignItems: 'start' },
  buttons: { display: 'flex', gap: '8px', justifyContent: 'space-between', flexWrap: 'wrap' },
  review: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '16px', rowGap: '8px', alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground3 },
  password: { display: 'flex', gap: '8px', alignItems: 'center' },
  passwordValue: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    padding: '6px 10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
    wordBreak: 'break-all',
  },
});

const STEPS = ['company', 'billing', 'admin', 'review'] as const;
type Step = (typeof STEPS)[number];

/** The step holding each field, to go back to the first one the API refused. */
function stepOf(path: string): Step {
  if (path.startsWith('/billingProfile')) return 'billing';
  if (path.startsWith('/admin')) return 'admin';
  return 'company';
}

/** Refusals that name no field but belong to one. */
const FIELD_CODES: Record<string, readonly string[]> = {
  '/resellerTenantId': ['provider_not_authorized_by_reseller'],
  '/country': ['region_mismatch'],
  '/domainPrefix': ['domain_taken'],
  '/admin/email': ['email_taken'],
};
const ALL_FIELD_CODES = Object.values(FIELD_CODES).flat();
const FIELD_PATHS = ['/resellerTenantId', '/companyName', '/country', '/domainPrefix', '/billingProfile', '/admin'] as const;

interface Values {
  resellerTenantId: string;
  companyName: string;
  country: string;
  domainPrefix: string;
  billingFirstName: string;
  billingLastName: string;
  billingEmail: string;
  address: AddressValues;
  language: Language;
  adminFirstName: string;
  adminLastName: string;
  adminEmail: string;
}

/** CUS-5: a provider's admin agent creates a customer for one of its resellers; the admin's temporary password is shown once. */
function AddCustomerContent() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const languageNames = useLanguageNames();
  const [params] = useSearchParams();
  const resellers = useRelationships('IsIndirectCloudSolutionProviderOf');
  const [step, setStep] = useState<Step>('company');
  const [submitted, setSubmitted] = useState<Set<Step>>(() => new Set());
  const [values, setValues] = useState<Values>(() => ({
    resellerTenantId: params.get('resellerTenantId') ?? '',
    companyName: '',
    country: '',
    domainPrefix: '',
    billingFirstName: '',
    billingLastName: '',
    billingEmail: '',
    address: emptyAddress(),
    language: currentLanguage(),
    adminFirstName: '',
    adminLastName: '',
    adminEmail: '',
  }));

  const customerBody = () => {
    const address: Record<string, string> = { addressLine1: values.address.addressLine1.trim(), city: values.address.city.trim(), country: values.address.country };
    if (values.address.addressLine2.trim()) address.addressLine2 = values.address.addressLine2.trim();
    if (values.address.state.trim()) address.state = values.address.state.trim();
    if (values.address.postalCode.trim()) address.postalCode = values.address.postalCode.trim();
    return {
      resellerTenantId: values.resellerTenantId,
      companyName: values.companyName.trim(),
      country: values.country,
      ...(values.domainPrefix.trim() ? { domainPrefix: values.domainPrefix.trim().toLowerCase() } : {}),
      billingProfile: {
        firstName: values.billingFirstName.trim(),
        lastName: values.billingLastName.trim(),
        email: values.billingEmail.trim(),
        address,
        language: values.language,
      },
      admin: { firstName: values.adminFirstName.trim(), lastName: values.adminLastName.trim(), email: values.adminEmail.trim() },
    };
  };
  const create = useCreateCustomer({
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.customers.all }),
    onError: (error) => {
      // Back to the step of the first field the API refused.
      if (error instanceof ApiError) {
        const path = error.problem.errors?.[0]?.path ?? Object.entries(FIELD_CODES).find(([, codes]) => error.code && codes.includes(error.code))?.[0];
        if (path) setStep(stepOf(path));
      }
    },
  });

  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const required = (value: string) => (value.trim() ? undefined : t('validation.required'));
  const email = (value: string) => (!value.trim() ? t('validation.required') : isPlausibleEmail(value) ? undefined : t('validation.email'));

  const clientErrors: Record<string, string | undefined> = {
    '/resellerTenantId': values.resellerTenantId ? undefined : t('addCustomer.resellerRequired'),
    '/companyName': required(values.companyName),
    '/country': values.country ? undefined : t('validation.countryRequired'),
    '/domainPrefix': values.domainPrefix.trim() && !/^[a-z0-9]{2,27}$/i.test(values.domainPrefix.trim()) ? t('validation.domainPrefix', { min: 2, max: 27 }) : undefined,
    '/billingProfile/firstName': required(values.billingFirstName),
    '/billingProfile/lastName': required(values.billingLastName),
    '/billingProfile/email': email(values.billingEmail),
    '/billingProfile/address/addressLine1': required(values.address.addressLine1),
    '/billingProfile/address/city': required(values.address.city),
    '/billingProfile/address/country': values.address.country ? undefined : t('validation.countryRequired'),
    '/admin/firstName': required(values.adminFirstName),
    '/admin/lastName': required(values.adminLastName),
    '/admin/email': email(values.adminEmail),
  };
  const errorFor = (path: string) => (submitted.has(stepOf(path)) ? clientErrors[path] : undefined) ?? fieldError(create.error, path, FIELD_CODES[path]);
  const fieldProps = (path: string) => {
    const message = errorFor(path);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const stepHasErrors = (target: Step) => Object.entries(clientErrors).some(([path, message]) => message && stepOf(path) === target);

  const next = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted((current) => new Set(current).add(step));
    if (step !== 'review' && stepHasErrors(step)) return;
    if (step === 'company') {
      // The billing address starts in the customer's country.
      if (!values.address.country) set('address')({ ...values.address, country: values.country });
      setStep('billing');
    } else if (step === 'billing') {
      setStep('admin');
    } else if (step === 'admin') {
      setStep('review');
    } else {
      const firstInvalid = STEPS.find((item) => item !== 'review' && stepHasErrors(item));
      if (firstInvalid) {
        setSubmitted(new Set(STEPS));
        setStep(firstInvalid);
        return;
      }
      create.mutate(customerBody());
    }
  };
  const back = () => setStep(STEPS[Math.max(0, STEPS.indexOf(step) - 1)]!);

  const created = create.data;
  if (created) {
    return (
      <div className={styles.root} data-testid="add-customer-done">
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('addCustomer.createdTitle')}</MessageBarTitle>
            {t('addCustomer.created', { name: created.customer.companyName, domain: created.customer.primaryDomain })}
          </MessageBarBody>
        </MessageBar>
        <Card className={styles.card}>
          <Body1>{t('addCustomer.adminIntro', { name: created.admin.displayName, email: created.admin.email })}</Body1>
          <div className={styles.password}>
            <code className={styles.passwordValue} data-testid="customer-temporary-password">
              {created.admin.temporaryPassword}
            </code>
            <CopyButton text={created.admin.temporaryPassword} data-testid="customer-temporary-password-copy" />
          </div>
          <Body1>{t('users.temporaryPasswordOnce')}</Body1>
        </Card>
        <div className={styles.buttons}>
          <Button icon={<ArrowLeftRegular />} onClick={() => navigate('/customers')} data-testid="add-customer-back-to-list">
            {t('addCustomer.backToCustomers')}
          </Button>
          <Button appearance="primary" icon={<CartRegular />} onClick={() => navigate(`/customers/${encodeURIComponent(created.customer.id)}/order`)} data-testid="add-customer-order">
            {t('addCustomer.placeOrder')}
          </Button>
        </div>
      </div>
    );
  }

  const resellerItems = resellers.data?.items ?? [];
  const reseller = resellerItems.find((item) => item.partnerTenantId === values.resellerTenantId);
  const stepTitles: Record<Step, string> = {
    company: t('addCustomer.stepCompany'),
    billing: t('addCustomer.stepBilling'),
    admin: t('addCustomer.stepAdmin'),
    review: t('addCustomer.stepReview'),
  };
  const currentIndex = STEPS.indexOf(step);

  return (
    <form className={styles.root} onSubmit={next} noValidate data-testid="add-customer-form">
      <ol className={styles.steps} aria-label={t('addCustomer.steps')}>
        {STEPS.map((item, index) => (
          <li
            key={item}
            className={mergeClasses(styles.step, index === currentIndex && styles.stepCurrent, index < currentIndex && styles.stepDone)}
            aria-current={index === currentIndex ? 'step' : undefined}
            data-testid={`add-customer-step-${item}`}
          >
            {t('addCustomer.stepLabel', { number: format.number(index + 1), title: stepTitles[item] })}
          </li>
        ))}
      </ol>
      <ErrorBar error={create.error} fieldPaths={FIELD_PATHS} fieldCodes={ALL_FIELD_CODES} testId="add-customer-error" />
      <Card className={styles.card}>
        {step === 'company' ? (
          <>
            <Field label={t('addCustomer.reseller')} required hint={t('addCustomer.resellerHint')} {...fieldProps('/resellerTenantId')}>
              <Dropdown
                value={reseller ? reseller.name : ''}
                placeholder={resellers.isPending ? t('common.loading') : t('addCustomer.resellerPlaceholder')}
                selectedOptions={values.resellerTenantId ? [values.resellerTenantId] : []}
                onOptionSelect={(_event, data) => set('resellerTenantId')(data.optionValue ?? '')}
                data-testid="add-customer-reseller"
              >
                {resellerItems.map((item) => (
                  <Option key={item.partnerTenantId} value={item.partnerTenantId} text={item.name} data-testid={`add-customer-reseller-${item.partnerTenantId}`}>
                    {item.name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label={t('addCustomer.companyName')} required {...fieldProps('/companyName')}>
              <Input value={values.companyName} onChange={(_event, data) => set('companyName')(data.value)} data-testid="add-customer-company" />
            </Field>
            <Field label={t('addCustomer.country')} required hint={t('addCustomer.countryHint')} {...fieldProps('/country')}>
              <CountryPicker value={values.country} onChange={set('country')} invalid={!!errorFor('/country')} data-testid="add-customer-country" />
            </Field>
            <Field label={t('signUp.domainPrefix')} hint={t('addCustomer.domainPrefixHint')} {...fieldProps('/domainPrefix')}>
              <Input value={values.domainPrefix} onChange={(_event, data) => set('domainPrefix')(data.value)} spellCheck={false} data-testid="add-customer-domain" />
            </Field>
          </>
        ) : step === 'billing' ? (
          <>
            <Body1>{t('addCustomer.billingIntro')}</Body1>
            <div className={styles.row}>
              <Field label={t('agreements.firstName')} required {...fieldProps('/billingProfile/firstName')}>
                <Input value={values.billingFirstName} onChange={(_event, data) => set('billingFirstName')(data.value)} data-testid="add-customer-billing-first-name" />
              </Field>
              <Field label={t('agreements.lastName')} required {...fieldProps('/billingProfile/lastName')}>
                <Input value={values.billingLastName} onChange={(_event, data) => set('billingLastName')(data.value)} data-testid="add-customer-billing-last-name" />
              </Field>
            </div>
            <Field label={t('agreements.email')} required {...fieldProps('/billingProfile/email')}>
              <Input type="email" value={values.billingEmail} onChange={(_event, data) => set('billingEmail')(data.value)} data-testid="add-customer-billing-email" />
            </Field>
            <AddressFields
              value={values.address}
              onChange={set('address')}
              errorFor={(field: AddressField) => errorFor(`/billingProfile/address/${field}`)}
              testIdPrefix="add-customer-address"
            />
            <Field label={t('addCustomer.language')} hint={t('addCustomer.languageHint')} {...fieldProps('/billingProfile/language')}>
              <Dropdown
                value={languageNames[values.language]}
                selectedOptions={[values.language]}
                onOptionSelect={(_event, data) => {
                  if (isLanguage(data.optionValue)) set('language')(data.optionValue);
                }}
                data-testid="add-customer-language"
              >
                {LANGUAGES.map((language) => (
                  <Option key={language} value={language} lang={language}>
                    {languageNames[language]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </>
        ) : step === 'admin' ? (
          <>
            <Body1>{t('addCustomer.adminDescription')}</Body1>
            <div className={styles.row}>
              <Field label={t('agreements.firstName')} required {...fieldProps('/admin/firstName')}>
                <Input value={values.adminFirstName} onChange={(_event, data) => set('adminFirstName')(data.value)} data-testid="add-customer-admin-first-name" />
              </Field>
              <Field label={t('agreements.lastName')} required {...fieldProps('/admin/lastName')}>
                <Input value={values.adminLastName} onChange={(_event, data) => set('adminLastName')(data.value)} data-testid="add-customer-admin-last-name" />
              </Field>
            </div>
            <Field label={t('agreements.email')} required {...fieldProps('/admin/email')}>
              <Input type="email" value={values.adminEmail} onChange={(_event, data) => set('adminEmail')(data.value)} data-testid="add-customer-admin-email" />
            </Field>
          </>
        ) : (
          <div className={styles.review} data-testid="add-customer-review">
            <Text className={styles.label}>{t('addCustomer.reseller')}</Text>
            <Text>{reseller?.name ?? t('common.emptyValue')}</Text>
            <Text className={styles.label}>{t('addCustomer.companyName')}</Text>
            <Text>{values.companyName}</Text>
            <Text className={styles.label}>{t('addCustomer.country')}</Text>
            <Text>{format.country(values.country)}</Text>
            <Text className={styles.label}>{t('addCustomer.billingContact')}</Text>
            <Text>{`${values.billingFirstName} ${values.billingLastName} · ${values.billingEmail}`}</Text>
            <Text className={styles.label}>{t('addCustomer.billingAddress')}</Text>
            <AddressView address={{ ...values.address, addressLine3: undefined }} />
            <Text className={styles.label}>{t('addCustomer.language')}</Text>
            <Text>{languageNames[values.language]}</Text>
            <Text className={styles.label}>{t('addCustomer.stepAdmin')}</Text>
            <Text>{`${values.adminFirstName} ${values.adminLastName} · ${values.adminEmail}`}</Text>
          </div>
        )}
      </Card>
      <div className={styles.buttons}>
        <Button icon={<ArrowLeftRegular />} disabled={step === 'company'} onClick={back} data-testid="add-customer-back">
          {t('addCustomer.back')}
        </Button>
        <Button
          appearance="primary"
          type="submit"
          icon={step === 'review' ? <CheckmarkRegular /> : <ArrowRightRegular />}
          iconPosition={step === 'review' ? 'before' : 'after'}
          disabled={create.isPending}
          data-testid="add-customer-next"
        >
          {step === 'review' ? (create.isPending ? t('addCustomer.creating') : t('addCustomer.create')) : t('addCustomer.next')}
        </Button>
      </div>
    </form>
  );
}

export default function AddCustomer() {
  const { t } = useTranslation();
  return (
    <div data-testid="add-customer-page">
      <PageHeader title={t('addCustomer.title')} description={t('addCustomer.description')} />
      <RequirePermission permission={PERMISSIONS.customersCreate}>
        <AddCustomerContent />
      </RequirePermission>
    </div>
  );
}
