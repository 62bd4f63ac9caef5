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
import { SearchRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useLookupDuns, useValidateAddress } from '../../../api/partner';
import { addressBody, addressValues, missingAddressFields, type AddressField } from '../../../address';
import { AddressFields } from '../../../components/AddressFields';
import { ErrorBar } from '../../../components/ErrorBar';
import { useEnrollmentLabels } from '../../../labels';
import { fieldError } from '../../../problem';
import type { AddressValidation } from '@contracts/enrollment';
import { AddressSuggestionDialog } from '../AddressSuggestionDialog';
import { isDunsNumber, type LegalValues } from './model';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  duns: { display: 'flex', gap: '8px', alignItems: 'flex-start', flexWrap: 'wrap' },
  dunsField: { flexGrow: 1, minWidth: '220px', maxWidth: '320px' },
  dunsButton: { marginTop: '26px' },
  section: { color: tokens.colorNeutralForeground2 },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
});

/** ENR-3 statuses for which the applicant is told what is wrong but may keep the address. */
const PARTIAL_STATUSES = ['None', 'StreetPartial', 'PremisesPartial'];

const LEGAL_PATHS = ['/legalName', '/address', '/dunsNumber'] as const;

export interface LegalStepProps {
  values: LegalValues;
  onChange(values: LegalValues): void;
  /** The error of the last PUT /v1/profiles/legalbusiness (its company fields are shown here). */
  saveError: unknown;
  onNext(): void;
  onBack(): void;
}

/**
 * ENR-2, ENR-3: legal name and address, by DUNS look-up or by hand; the address is validated before
 * the applicant moves on.
 */
export function LegalStep({ values, onChange, saveError, onNext, onBack }: LegalStepProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  const [submitted, setSubmitted] = useState(false);
  const [suggestion, setSuggestion] = useState<AddressValidation | null>(null);
  const [notice, setNotice] = useState<AddressValidation | null>(null);
  const [dunsFilled, setDunsFilled] = useState(false);

  const lookup = useLookupDuns({
    onSuccess: (record) => {
      onChange({ legalName: record.legalName, dunsNumber: record.dunsNumber, address: addressValues(record.address) });
      setNotice(null);
      setDunsFilled(true);
    },
  });

  const validate = useValidateAddress({
    onSuccess: (result) => {
      if (result.suggestedAddresses.length > 0) {
        setSuggestion(result);
        return;
      }
      if (PARTIAL_STATUSES.includes(result.status)) {
        setNotice(result);
        return;
      }
      onNext();
    },
  });

  const missing = missingAddressFields(values.address);
  const dunsInvalid = values.dunsNumber.trim() !== '' && !isDunsNumber(values.dunsNumber);

  const addressError = (field: AddressField) =>
    (submitted && missing.includes(field)
      ? field === 'country'
        ? t('validation.countryRequired')
        : t('validation.required')
      : undefined) ??
    fieldError(validate.error, `/${field}`) ??
    fieldError(saveError, `/address/${field}`);

  const legalNameError =
    (submitted && !values.legalName.trim() ? t('validation.required') : undefined) ?? fieldError(saveError, '/legalName');
  const dunsError =
    (dunsInvalid ? t('validation.duns') : undefined) ??
    fieldError(lookup.error, '/params/dunsNumber', ['duns_not_found', 'invalid_duns']) ??
    fieldError(saveError, '/dunsNumber');

  const change = (next: LegalValues) => {
    onChange(next);
    setNotice(null);
    setDunsFilled(false);
  };

  const onLookup = () => {
    if (!isDunsNumber(values.dunsNumber)) return;
    lookup.mutate(values.dunsNumber.trim());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setNotice(null);
    if (!values.legalName.trim() || missing.length > 0 || dunsInvalid) return;
    validate.mutate(addressBody(values.address));
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="apply-legal">
      <Body1>{t('enrollment.legal.intro')}</Body1>
      <ErrorBar error={validate.error} fieldPaths={['/addressLine1', '/addressLine2', '/city', '/state', '/postalCode', '/country']} testId="address-validation-error" />
      {saveError ? <ErrorBar error={saveError} fieldPaths={[...LEGAL_PATHS, '/primaryContact']} testId="legal-save-error" /> : null}

      <Text weight="semibold" className={styles.section}>
        {t('enrollment.legal.dunsSection')}
      </Text>
      <div className={styles.duns}>
        <Field
          className={styles.dunsField}
          label={t('enrollment.legal.duns')}
          hint={t('enrollment.legal.dunsHint')}
          validationMessage={dunsError}
          validationState={dunsError ? 'error' : dunsFilled ? 'success' : 'none'}
        >
          <Input
            value={values.dunsNumber}
            inputMode="numeric"
            maxLength={9}
            onChange={(_event, data) => {
              lookup.reset();
              change({ ...values, dunsNumber: data.value.replace(/\s/g, '') });
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onLookup();
              }
            }}
            data-testid="legal-duns"
          />
        </Field>
        <Button
          className={styles.dunsButton}
          icon={<SearchRegular />}
          disabled={!isDunsNumber(values.dunsNumber) || lookup.isPending}
          onClick={onLookup}
          data-testid="legal-duns-lookup"
        >
          {t('enrollment.legal.dunsLookup')}
        </Button>
      </div>
      {dunsFilled ? (
        <MessageBar intent="success" data-testid="legal-duns-found">
          <MessageBarBody>{t('enrollment.legal.dunsFound')}</MessageBarBody>
        </MessageBar>
      ) : null}

      <Divider />
      <Text weight="semibold" className={styles.section}>
        {t('enrollment.legal.companySection')}
      </Text>
      <Field
        label={t('enrollment.legal.legalName')}
        hint={t('enrollment.legal.legalNameHint')}
        required
        validationMessage={legalNameError}
        validationState={legalNameError ? 'error' : 'none'}
      >
        <Input
          value={values.legalName}
          onChange={(_event, data) => change({ ...values, legalName: data.value })}
          autoComplete="organization"
          data-testid="legal-name"
        />
      </Field>
      <AddressFields
        value={values.address}
        onChange={(address) => change({ ...values, address })}
        errorFor={addressError}
        testIdPrefix="legal-address"
      />

      {notice ? (
        <MessageBar intent="warning" layout="multiline" data-testid="address-validation-notice" data-validation-status={notice.status}>
          <MessageBarBody>
            <MessageBarTitle>{labels.addressStatus(notice.status)}</MessageBarTitle>
            {notice.validationMessage ?? t('enrollment.legal.addressNotice')}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onNext} data-testid="address-keep">
              {t('enrollment.legal.keepAddress')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      <div className={styles.actions}>
        <Button onClick={onBack} data-testid="apply-back">
          {t('enrollment.apply.back')}
        </Button>
        <Button appearance="primary" type="submit" disabled={validate.isPending} data-testid="apply-next">
          {validate.isPending ? t('enrollment.legal.checkingAddress') : t('enrollment.apply.next')}
        </Button>
      </div>

      <AddressSuggestionDialog
        validation={suggestion}
        entered={addressBody(values.address)}
        onCancel={() => setSuggestion(null)}
        onChoose={(address) => {
          setSuggestion(null);
          onChange({ ...values, address: addressValues(address, values.address.country) });
          onNext();
        }}
      />
    </form>
  );
}
