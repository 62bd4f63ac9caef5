import { Field, Input, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import type { Address } from '@contracts/enrollment';
import type { AddressField, AddressValues } from '../address';
import { CountryPicker } from './CountryPicker';

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: '12px', alignItems: 'start' },
  lines: { display: 'flex', flexDirection: 'column' },
});

export interface AddressFieldsProps {
  value: AddressValues;
  onChange(value: AddressValues): void;
  /** The message to show next to a part (client check or the API's field error). */
  errorFor(field: AddressField): string | undefined;
  testIdPrefix: string;
  disabled?: boolean;
}

export function AddressFields({ value, onChange, errorFor, testIdPrefix, disabled }: AddressFieldsProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const set = (field: AddressField) => (next: string) => onChange({ ...value, [field]: next });
  const props = (field: AddressField) => {
    const message = errorFor(field);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const input = (field: AddressField, autoComplete: string) => (
    <Input
      value={value[field]}
      onChange={(_event, data) => set(field)(data.value)}
      autoComplete={autoComplete}
      disabled={disabled}
      data-testid={`${testIdPrefix}-${field}`}
    />
  );

  return (
    <div className={styles.fields}>
      <Field label={t('address.country')} required {...props('country')}>
        <CountryPicker
          value={value.country}
          onChange={set('country')}
          invalid={!!errorFor('country')}
          data-testid={`${testIdPrefix}-country`}
        />
      </Field>
      <Field label={t('address.addressLine1')} required {...props('addressLine1')}>
        {input('addressLine1', 'address-line1')}
      </Field>
      <Field label={t('address.addressLine2')} {...props('addressLine2')}>
        {input('addressLine2', 'address-line2')}
      </Field>
      <div className={styles.row}>
        <Field label={t('address.city')} required {...props('city')}>
          {input('city', 'address-level2')}
        </Field>
        <Field label={t('address.state')} {...props('state')}>
          {input('state', 'address-level1')}
        </Field>
        <Field label={t('address.postalCode')} {...props('postalCode')}>
          {input('postalCode', 'postal-code')}
        </Field>
      </div>
    </div>
  );
}

/** Countries that write the postal code after the city ("Redmond, WA 98052"); elsewhere it comes first ("75002 Paris"). */
const POSTAL_CODE_AFTER_CITY = new Set(['US', 'CA', 'GB', 'AU', 'NZ', 'IE', 'IN', 'SG', 'ZA', 'ID', 'MY', 'PH']);

function localityLine(address: Address): string {
  if (POSTAL_CODE_AFTER_CITY.has(address.country)) {
    const cityState = [address.city, address.state].filter(Boolean).join(', ');
    return [cityState, address.postalCode].filter(Boolean).join(' ');
  }
  const locality = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [locality, address.state].filter(Boolean).join(', ');
}

/** An address as lines of text, with the country named in the UI language. */
export function AddressView({ address, 'data-testid': testId }: { address: Address | null | undefined; 'data-testid'?: string }) {
  const styles = useStyles();
  const format = useFormat();
  if (!address) return null;
  const lines = [
    address.addressLine1,
    address.addressLine2,
    address.addressLine3,
    localityLine(address),
    format.country(address.country),
  ].filter((line): line is string => !!line);
  return (
    <span className={styles.lines} data-testid={testId}>
      {lines.map((line, index) => (
        <span key={index}>{line}</span>
      ))}
    </span>
  );
}
