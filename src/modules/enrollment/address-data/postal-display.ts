// How a valid postal code is written (ENR-3). Which postal codes are valid comes from the
// postal-codes-js package; that package only validates, so this file says where the standard form
// puts its separator, per the national postal operators' addressing guides as summarized by the
// UPU "Postal addressing systems" country sheets. Each formatter receives the compact form (upper
// case, spaces and hyphens removed) and returns the standard form, or undefined when it does not
// recognize the shape (the caller then validates the compact form as it is).
// A country without an entry keeps the compact form.

export type PostalFormatter = (compact: string) => string | undefined;

/** Splits `compact` after its first `at` characters with `sep`, when its length is `length`. */
function split(length: number, at: number, sep: string): PostalFormatter {
  return (c) => (c.length === length ? `${c.slice(0, at)}${sep}${c.slice(at)}` : undefined);
}

/** UK-style codes: the outward code, a space, then the three-character inward code. */
const inwardCode: PostalFormatter = (c) => (c.length >= 5 && c.length <= 8 ? `${c.slice(0, -3)} ${c.slice(-3)}` : undefined);

/** An optional country prefix written with a hyphen (LV-1010); without the prefix, digits only. */
function optionalPrefix(prefix: string): PostalFormatter {
  return (c) => (c.startsWith(prefix) && /\d/.test(c.charAt(prefix.length)) ? `${prefix}-${c.slice(prefix.length)}` : c);
}

/** ZIP and ZIP+4 (USPS Publication 28): 12345 or 12345-6789. */
const zip: PostalFormatter = (c) => (c.length === 9 ? `${c.slice(0, 5)}-${c.slice(5)}` : c);

export const postalFormatters: Readonly<Record<string, PostalFormatter>> = {
  // USPS ZIP Code format, also used by the US territories and freely associated states.
  US: zip, PR: zip, VI: zip, GU: zip, MP: zip, AS: zip, FM: zip, MH: zip, PW: zip,
  CA: split(6, 3, ' '), // Canada Post: A1A 1A1
  BR: split(8, 5, '-'), // Correios CEP: 01310-100
  JP: split(7, 3, '-'), // Japan Post: 100-0001
  PL: split(5, 2, '-'), // Poczta Polska: 00-950
  PT: split(7, 4, '-'), // CTT: 1000-001
  NL: split(6, 4, ' '), // PostNL: 1234 AB
  SE: split(5, 3, ' '), // PostNord: 113 51
  CZ: split(5, 3, ' '), // Česká pošta: 110 00
  SK: split(5, 3, ' '), // Slovenská pošta: 811 01
  GR: split(5, 3, ' '), // ELTA: 104 31
  IE: split(7, 3, ' '), // Eircode: A65 F4E2
  AZ: split(6, 2, ' '), // Azərpoçt: AZ 1000
  MT: split(7, 3, ' '), // MaltaPost: VLT 1117
  MS: (c) => (c.length === 7 ? `${c.slice(0, 3)} ${c.slice(3)}` : c), // MSR 1110
  KY: split(7, 3, '-'), // Cayman Islands: KY1-1234
  LC: split(7, 4, ' '), // Saint Lucia: LC12 345
  // Royal Mail-style codes (and the British overseas territories that use one code).
  GB: inwardCode, GG: inwardCode, JE: inwardCode, IM: inwardCode, GI: inwardCode,
  AQ: inwardCode, FK: inwardCode, GS: inwardCode, IO: inwardCode, PN: inwardCode, SH: inwardCode, TC: inwardCode,
  // Country prefix with a hyphen where the operator writes one.
  AX: optionalPrefix('AX'), DK: optionalPrefix('DK'), LT: optionalPrefix('LT'), LU: optionalPrefix('L'),
  LV: optionalPrefix('LV'), MD: optionalPrefix('MD'), VC: optionalPrefix('VC'), VG: optionalPrefix('VG'), WS: optionalPrefix('WS'),
};
