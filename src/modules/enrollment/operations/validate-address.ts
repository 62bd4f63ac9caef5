// ENR-3: an address checked against its country's rules; an unknown country code is a bad field
// (400), not an address without rules.
import { invalidFields } from '../../../platform/errors.js';
import { validateAddress, type AddressInput } from '../address.js';
import { countryProblems } from '../field-checks.js';

export function validateAddressInput(input: AddressInput) {
  const problems = countryProblems(input.country, '/country');
  if (problems.length) throw invalidFields(...problems);
  return validateAddress(input);
}
