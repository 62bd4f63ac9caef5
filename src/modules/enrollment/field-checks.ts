// Field checks several enrollment operations share: a country code (ENR-3: an unknown one is a bad
// field, not an address without rules) and a phone number valid in the partner's country (ENR-2).
import countries from 'i18n-iso-countries';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js';
import type { FieldError } from '../../platform/errors.js';

export function phoneProblems(phone: string, country: string, path: string): FieldError[] {
  try {
    return isValidPhoneNumber(phone, country as CountryCode) ? [] : [{ path, code: 'phone_invalid', params: { country } }];
  } catch {
    return [{ path, code: 'phone_invalid', params: { country } }];
  }
}

export function countryProblems(country: string, path: string): FieldError[] {
  return /^[A-Z]{2}$/.test(country) && countries.isValid(country) ? [] : [{ path, code: 'country_invalid' }];
}
