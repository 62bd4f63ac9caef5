// ENR-3: validation of a partner's legal address, as Partner Center does it. Pure functions: no I/O
// after the reference data is loaded once, no clock.
//
// Data: postal-code patterns come from the postal-codes-js package (every country that has postal
// codes); states and provinces (codes and English names) from the country-region-data package. The
// files in address-data/ add only what those packages lack: where a standard postal code puts its
// separator, other names of the checked subdivisions (Chinese names, French names, short forms), and
// which state or province a US ZIP prefix or Canadian postal code belongs to.
//
// Countries "with rules" have a postal-code pattern or checked subdivisions (US, CA, MX, CN).
// The status is decided in this order; the first that applies wins:
// 1. NotValidated — the country has no rules. No suggestion, nothing else checked.
// 2. None (invalid) — no suggestion; `problem` and an English `validationMessage` say why:
//    - postal_code_required: no postal code where the country has a pattern (except IE and JM, where
//      postal codes are not needed for delivery);
//    - postal_code_invalid: the postal code, normalized (upper case, full-width forms folded, spaces
//      and hyphens re-placed in the country's standard form), does not match the pattern;
//    - state_required: no state for US, CA, MX or CN (unless the case for Multiple below applies);
//    - state_unknown: a state that is not a code, name or accepted alias of one of the country's
//      subdivisions (US, CA, MX, CN; codes may also be written as ISO 3166-2, e.g. "US-CA").
// 3. StreetPartial — address line 1 is empty (street_missing) or the city is (city_missing).
// 4. PremisesPartial (street_number_missing) — the country's addresses carry a house or building
//    number (US, CA, MX, BR, DE, FR, GB, ID) and address line 1 has no digit.
//    Statuses 3 and 4 carry the standardized address as a suggestion when it differs from the input.
// 5. Multiple — the postal code is valid but the state cannot be settled (US ZIP prefix, first letter
//    of a Canadian postal code): the state is left out and the code belongs to several states
//    (state_ambiguous), or the state given is not one the code belongs to (state_postal_code_mismatch).
//    One suggestion per state the code belongs to, sorted by code.
// 6. InteractionRequired — valid, and the standardized address (exactly one suggestion) differs from
//    the input: postal code in standard form (K1A 0B1, SW1A 1AA, 01310-100, 12345-6789, 100-0001),
//    state name → code, whitespace trimmed and collapsed, country code in upper case, and address
//    lines and city in title case when they were written all in upper or all in lower case (mixed case
//    is kept as written).
// 7. VerifiedShippable — valid, already standard, with a postal code, a city and a digit (house or
//    building number) in address line 1; otherwise Verified (e.g. no postal code where it is optional,
//    or no number in a country that does not require one).
import { createRequire } from 'node:module';
import { postalFormatters } from './address-data/postal-display.js';
import { statesForPostalCode } from './address-data/postal-prefixes.js';
import { chineseEnglishSuffixes, chineseProvinceNames, chineseSuffixes, subdivisionAliases } from './address-data/subdivision-names.js';

export interface AddressInput {
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  state?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export type AddressStatus =
  | 'Verified'
  | 'VerifiedShippable'
  | 'InteractionRequired'
  | 'StreetPartial'
  | 'PremisesPartial'
  | 'Multiple'
  | 'None'
  | 'NotValidated';

export interface AddressValidation {
  originalAddress: AddressInput;
  suggestedAddresses: AddressInput[];
  status: AddressStatus;
  validationMessage?: string;
  /**
   * Stable machine code of the problem: postal_code_required, postal_code_invalid, state_required,
   * state_unknown, street_missing, city_missing, street_number_missing, state_ambiguous,
   * state_postal_code_mismatch.
   */
  problem?: string;
}

// ---------------------------------------------------------------------------------------------
// Reference data, loaded once.

const requireData = createRequire(import.meta.url);

interface PostalCountry {
  postalCodeFormat?: string;
}
interface PostalFormat {
  RedundantCharacters: string;
  ValidationRegex: string | string[];
}
interface RegionCountry {
  countryShortCode: string;
  regions: { name: string; shortCode: string }[];
}

const postalCountries = requireData('postal-codes-js/generated/postal-codes-alpha2.json') as Record<string, PostalCountry>;
const regionCountries = requireData('country-region-data/data.json') as RegionCountry[];

/** Countries whose state is required and must be one of their subdivisions. */
const checkedStates: ReadonlySet<string> = new Set(['US', 'CA', 'MX', 'CN']);
/** Countries with a postal-code pattern where the postal code may still be left out. */
const postalCodeOptional: ReadonlySet<string> = new Set(['IE', 'JM']);
/** Countries whose street addresses normally carry a house or building number. */
const premisesNumbered: ReadonlySet<string> = new Set(['US', 'CA', 'MX', 'BR', 'DE', 'FR', 'GB', 'ID']);

interface PostalRule {
  pattern: RegExp;
  redundant: RegExp | undefined;
}

const postalRules = new Map<string, PostalRule | null>();
const formatCache = new Map<string, PostalRule>();

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

function postalRule(country: string): PostalRule | null {
  const cached = postalRules.get(country);
  if (cached !== undefined) return cached;
  let rule: PostalRule | null = null;
  const file = Object.hasOwn(postalCountries, country) ? postalCountries[country].postalCodeFormat : undefined;
  if (file) {
    rule = formatCache.get(file) ?? null;
    if (!rule) {
      const format = requireData(`postal-codes-js/formats/${file}`) as PostalFormat;
      const source = Array.isArray(format.ValidationRegex) ? format.ValidationRegex.join('|') : format.ValidationRegex;
      rule = {
        pattern: new RegExp(`^(?:${source})$`, 'i'),
        redundant: format.RedundantCharacters ? new RegExp(`[${escapeClass(format.RedundantCharacters)}]`, 'g') : undefined,
      };
      formatCache.set(file, rule);
    }
  }
  postalRules.set(country, rule);
  return rule;
}

interface Subdivisions {
  list: readonly { code: string; name: string }[];
  codes: ReadonlySet<string>;
  byName: ReadonlyMap<string, string>;
  nameOf: ReadonlyMap<string, string>;
}

const subdivisionCache = new Map<string, Subdivisions | null>();

/** Lower case, without accents or punctuation, single spaces: the key names are matched on. */
function nameKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stripChineseSuffix(name: string): string {
  for (const suffix of chineseSuffixes) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

function stripEnglishSuffix(key: string): string {
  for (const suffix of chineseEnglishSuffixes) {
    if (key.endsWith(` ${suffix}`)) return key.slice(0, -suffix.length - 1);
  }
  return key;
}

function subdivisionData(country: string): Subdivisions | null {
  const cached = subdivisionCache.get(country);
  if (cached !== undefined) return cached;
  const entry = regionCountries.find((c) => c.countryShortCode === country);
  let data: Subdivisions | null = null;
  if (entry && entry.regions.length > 0) {
    const list = entry.regions.map((r) => ({ code: r.shortCode, name: r.name }));
    const codes = new Set(list.map((r) => r.code.toUpperCase()));
    const byName = new Map<string, string>();
    const nameOf = new Map<string, string>();
    for (const r of list) {
      byName.set(nameKey(r.name), r.code);
      nameOf.set(r.code, r.name);
    }
    for (const [alias, code] of Object.entries(subdivisionAliases[country] ?? {})) {
      if (codes.has(code)) byName.set(nameKey(alias), code);
    }
    if (country === 'CN') {
      for (const [code, name] of Object.entries(chineseProvinceNames)) {
        if (!codes.has(code)) continue;
        byName.set(nameKey(name), code);
        byName.set(nameKey(stripChineseSuffix(name)), code);
      }
    }
    data = { list, codes, byName, nameOf };
  }
  subdivisionCache.set(country, data);
  return data;
}

/** The code of a state written as a code, ISO 3166-2 code, name or accepted alias; undefined if none. */
function resolveState(country: string, data: Subdivisions, state: string): string | undefined {
  let upper = state.toUpperCase();
  if (upper.startsWith(`${country}-`)) upper = upper.slice(country.length + 1);
  if (data.codes.has(upper)) return upper;
  const key = nameKey(state);
  const direct = data.byName.get(key);
  if (direct) return direct;
  if (country === 'CN') {
    return data.byName.get(stripEnglishSuffix(key)) ?? data.byName.get(nameKey(stripChineseSuffix(state.replace(/\s+/g, ''))));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Normalization.

const whitespace = /\s+/g;
const dashes = /[\u2010-\u2015\u2212\u30fc\ufe58\ufe63\uff0d]/g;
const spacesAndHyphens = /[\s-]+/g;
const digit = /\p{Nd}/u;
const cased = /\p{Lu}|\p{Ll}|\p{Lt}/gu;

function collapse(value: unknown): string {
  return typeof value === 'string' ? value.replace(whitespace, ' ').trim() : '';
}

/** Words kept in upper case when a line is title-cased (directions, PO Box, military mail). */
const keptUpper: ReadonlySet<string> = new Set(['NE', 'NW', 'SE', 'SW', 'PO', 'APO', 'FPO', 'DPO', 'US', 'USA', 'UK', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII']);
/** Particles kept in lower case inside a title-cased line (rue de la Paix, Aix-en-Provence). */
const keptLower: ReadonlySet<string> = new Set([
  'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'la', 'las', 'le', 'les', 'los', 'du', 'des', 'der', 'den',
  'von', 'van', 'en', 'et', 'und', 'sur', 'sous', 'aan', 'op', 'ter', 'of', 'the', 'and',
]);

function capitalize(word: string): string {
  const index = word.search(/\p{L}/u);
  if (index < 0) return word;
  return word.slice(0, index) + word.charAt(index).toUpperCase() + word.slice(index + 1);
}

function titleWord(word: string, first: boolean): string {
  const lower = word.toLowerCase();
  const bare = lower.replace(/[.,;:]+$/, '');
  if (keptUpper.has(bare.toUpperCase())) return word.toUpperCase();
  if (!first && keptLower.has(bare)) return lower;
  // Elided articles and O' names: d'Alembert, L'Église, O'Brien.
  const elided = /^(\p{L})['’](.+)$/u.exec(lower);
  if (elided) {
    const head = first || elided[1] === 'o' ? elided[1].toUpperCase() : elided[1];
    return `${head}${lower.charAt(1)}${capitalize(elided[2])}`;
  }
  // A word that starts with a number: ordinals in lower case (1st, 22nd), anything else in upper
  // case (12B, 4A).
  if (/^\p{Nd}/u.test(lower)) return /^\p{Nd}+(st|nd|rd|th)$/u.test(lower) ? lower : word.toUpperCase();
  return capitalize(lower);
}

/** Title case, only for text written all in upper or all in lower case. */
function fixCase(value: string): string {
  const letters = value.match(cased);
  if (!letters) return value;
  const allUpper = letters.every((c) => c === c.toUpperCase() && c !== c.toLowerCase());
  const allLower = letters.every((c) => c === c.toLowerCase() && c !== c.toUpperCase());
  if (!allUpper && !allLower) return value;
  let first = true;
  return value
    .split(/([\s/-]+)/)
    .map((part, i) => {
      if (i % 2 === 1 || part === '') return part;
      const result = titleWord(part, first);
      if (/\p{L}/u.test(part)) first = false;
      return result;
    })
    .join('');
}

function compactPostal(postalCode: string): string {
  return postalCode.normalize('NFKC').replace(dashes, '-').replace(spacesAndHyphens, '').toUpperCase();
}

function standardPostal(country: string, rule: PostalRule, compact: string): string | undefined {
  const formatted = postalFormatters[country]?.(compact) ?? compact;
  for (const candidate of formatted === compact ? [compact] : [formatted, compact]) {
    const prepared = rule.redundant ? candidate.replace(rule.redundant, '') : candidate;
    if (rule.pattern.test(prepared)) return candidate;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// API.

/** Whether ENR-3 validates addresses of this country (postal-code pattern or checked states). */
export function hasAddressRules(country: string): boolean {
  const code = collapse(country).toUpperCase();
  return checkedStates.has(code) || postalRule(code) !== null;
}

/** The country's states or provinces (code and English name), as in country-region-data; [] if none. */
export function subdivisionsOf(country: string): { code: string; name: string }[] {
  const data = subdivisionData(collapse(country).toUpperCase());
  return data ? data.list.map((s) => ({ code: s.code, name: s.name })) : [];
}

/**
 * The postal code in the country's standard form (CA "k1a0b1" → "K1A 0B1"), or undefined when it is
 * empty or cannot be valid for the country. For a country without a postal-code pattern, the code
 * trimmed with its whitespace collapsed.
 */
export function normalizePostalCode(country: string, postalCode: string): string | undefined {
  const raw = collapse(postalCode);
  if (!raw) return undefined;
  const code = collapse(country).toUpperCase();
  const rule = postalRule(code);
  if (!rule) return raw;
  return standardPostal(code, rule, compactPostal(raw));
}

function invalid(input: AddressInput, problem: string, validationMessage: string): AddressValidation {
  return { originalAddress: input, suggestedAddresses: [], status: 'None', validationMessage, problem };
}

function build(fields: AddressInput): AddressInput {
  const address: AddressInput = { addressLine1: fields.addressLine1, city: fields.city, country: fields.country };
  for (const field of ['addressLine2', 'addressLine3', 'state', 'postalCode'] as const) {
    const value = fields[field];
    if (value) address[field] = value;
  }
  return address;
}

const fieldLabels: Record<keyof AddressInput, string> = {
  addressLine1: 'address line 1',
  addressLine2: 'address line 2',
  addressLine3: 'address line 3',
  city: 'city',
  state: 'state',
  postalCode: 'postal code',
  country: 'country',
};

/** The fields the standardized address changes; optional fields left blank count as absent. */
function changedFields(input: AddressInput, standard: AddressInput): (keyof AddressInput)[] {
  const changed: (keyof AddressInput)[] = [];
  for (const field of Object.keys(fieldLabels) as (keyof AddressInput)[]) {
    const before = input[field];
    const original = typeof before === 'string' ? before : '';
    const optional = field !== 'addressLine1' && field !== 'city' && field !== 'country';
    const comparable = optional && original.trim() === '' ? '' : original;
    if (comparable !== (standard[field] ?? '')) changed.push(field);
  }
  return changed;
}

function describeStates(data: Subdivisions, codes: readonly string[]): string {
  return codes.map((c) => `${data.nameOf.get(c) ?? c} (${c})`).join(', ');
}

/** ENR-3: validates a hand-entered legal address and suggests its standardized form. */
export function validateAddress(input: AddressInput): AddressValidation {
  const country = collapse(input.country).toUpperCase();
  if (!hasAddressRules(country)) return { originalAddress: input, suggestedAddresses: [], status: 'NotValidated' };

  // Postal code.
  const rule = postalRule(country);
  const rawPostal = collapse(input.postalCode);
  let postalCode: string | undefined;
  if (rule) {
    if (!rawPostal) {
      if (!postalCodeOptional.has(country)) {
        return invalid(input, 'postal_code_required', `A postal code is required for addresses in ${country}.`);
      }
    } else {
      postalCode = standardPostal(country, rule, compactPostal(rawPostal));
      if (!postalCode) {
        return invalid(input, 'postal_code_invalid', `"${rawPostal}" is not a valid postal code for ${country}.`);
      }
    }
  } else if (rawPostal) {
    postalCode = rawPostal;
  }
  const postalStates = postalCode ? statesForPostalCode(country, compactPostal(postalCode)) : [];

  // State.
  const rawState = collapse(input.state);
  let state: string | undefined = rawState || undefined;
  let stateCandidates: readonly string[] = [];
  let multipleProblem: 'state_ambiguous' | 'state_postal_code_mismatch' | undefined;
  const subdivisions = checkedStates.has(country) ? subdivisionData(country) : null;
  if (subdivisions) {
    if (!rawState) {
      if (postalStates.length > 1) {
        stateCandidates = postalStates;
        multipleProblem = 'state_ambiguous';
      } else {
        const hint = postalStates.length === 1 ? ` The postal code ${postalCode} belongs to ${describeStates(subdivisions, postalStates)}.` : '';
        return invalid(input, 'state_required', `A state or province is required for addresses in ${country}.${hint}`);
      }
    } else {
      state = resolveState(country, subdivisions, rawState);
      if (!state) return invalid(input, 'state_unknown', `"${rawState}" is not a state or province of ${country}.`);
      if (postalStates.length > 0 && !postalStates.includes(state)) {
        stateCandidates = postalStates;
        multipleProblem = 'state_postal_code_mismatch';
      }
    }
  }

  const standard = build({
    addressLine1: fixCase(collapse(input.addressLine1)),
    addressLine2: fixCase(collapse(input.addressLine2)),
    addressLine3: fixCase(collapse(input.addressLine3)),
    city: fixCase(collapse(input.city)),
    state,
    postalCode,
    country,
  });
  const changed = changedFields(input, standard);
  const suggestion = changed.length > 0 ? [standard] : [];
  const partial = (status: AddressStatus, problem: string, validationMessage: string): AddressValidation => ({
    originalAddress: input,
    suggestedAddresses: suggestion,
    status,
    validationMessage,
    problem,
  });

  if (!standard.addressLine1) return partial('StreetPartial', 'street_missing', 'The street address (address line 1) is missing.');
  if (!standard.city) return partial('StreetPartial', 'city_missing', 'The city is missing.');
  const hasNumber = digit.test(standard.addressLine1);
  if (premisesNumbered.has(country) && !hasNumber) {
    return partial('PremisesPartial', 'street_number_missing', 'The street address has no house or building number.');
  }

  if (multipleProblem && subdivisions) {
    const candidates = [...stateCandidates].sort();
    const listed = describeStates(subdivisions, candidates);
    const validationMessage =
      multipleProblem === 'state_ambiguous'
        ? `The postal code ${postalCode} is used in more than one state or province: ${listed}. Choose one.`
        : `The postal code ${postalCode} belongs to ${listed}, not ${state}. Choose a suggested address or correct the postal code.`;
    return {
      originalAddress: input,
      suggestedAddresses: candidates.map((code) => ({ ...standard, state: code })),
      status: 'Multiple',
      validationMessage,
      problem: multipleProblem,
    };
  }

  if (changed.length > 0) {
    return {
      originalAddress: input,
      suggestedAddresses: suggestion,
      status: 'InteractionRequired',
      validationMessage: `A standardized form of the address is suggested (${changed.map((f) => fieldLabels[f]).join(', ')}). Choose it or keep the address as entered.`,
    };
  }
  const shippable = Boolean(postalCode) && hasNumber;
  return { originalAddress: input, suggestedAddresses: [], status: shippable ? 'VerifiedShippable' : 'Verified' };
}
