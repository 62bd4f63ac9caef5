import type { Address } from '@contracts/enrollment';

/** The editable form of an address: every part a string, empty when not given. */
export interface AddressValues {
  addressLine1: string;
  addressLine2: string;
  addressLine3: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export type AddressField = keyof AddressValues;

export const ADDRESS_FIELDS: readonly AddressField[] = ['addressLine1', 'addressLine2', 'addressLine3', 'city', 'state', 'postalCode', 'country'];

export function emptyAddress(country = ''): AddressValues {
  return { addressLine1: '', addressLine2: '', addressLine3: '', city: '', state: '', postalCode: '', country };
}

export function addressValues(address: Address | null | undefined, fallbackCountry = ''): AddressValues {
  if (!address) return emptyAddress(fallbackCountry);
  return {
    addressLine1: address.addressLine1 ?? '',
    addressLine2: address.addressLine2 ?? '',
    addressLine3: address.addressLine3 ?? '',
    city: address.city ?? '',
    state: address.state ?? '',
    postalCode: address.postalCode ?? '',
    country: address.country ?? fallbackCountry,
  };
}

/** The address as the API takes it: trimmed, without the optional parts left empty. */
export function addressBody(values: AddressValues): Address {
  const body: Address = { addressLine1: values.addressLine1.trim(), city: values.city.trim(), country: values.country };
  if (values.addressLine2.trim()) body.addressLine2 = values.addressLine2.trim();
  if (values.addressLine3.trim()) body.addressLine3 = values.addressLine3.trim();
  if (values.state.trim()) body.state = values.state.trim();
  if (values.postalCode.trim()) body.postalCode = values.postalCode.trim();
  return body;
}

/** Required parts that are empty (the server checks the rest). */
export function missingAddressFields(values: AddressValues): AddressField[] {
  const missing: AddressField[] = [];
  if (!values.addressLine1.trim()) missing.push('addressLine1');
  if (!values.city.trim()) missing.push('city');
  if (!values.country) missing.push('country');
  return missing;
}
