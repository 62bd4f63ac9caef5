// ENR-3 address validation, pure: statuses, suggestions and problem codes per country, the reference
// data behind them, and the cost of one validation.
import { describe, expect, it } from 'vitest';
import { type AddressInput, hasAddressRules, normalizePostalCode, subdivisionsOf, validateAddress } from './address.js';
import { statesForPostalCode } from './address-data/postal-prefixes.js';
import { chineseProvinceNames, subdivisionAliases } from './address-data/subdivision-names.js';

const us: AddressInput = { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' };
const ca: AddressInput = { addressLine1: '80 Wellington St', city: 'Ottawa', state: 'ON', postalCode: 'K1A 0A2', country: 'CA' };
const mx: AddressInput = { addressLine1: 'Av. Juárez 100', city: 'Guadalajara', state: 'JAL', postalCode: '44100', country: 'MX' };
const cn: AddressInput = { addressLine1: '1 Zhongshan Road', city: 'Guangzhou', state: 'GD', postalCode: '510000', country: 'CN' };
const fr: AddressInput = { addressLine1: '55 Rue du Faubourg Saint-Honoré', city: 'Paris', postalCode: '75008', country: 'FR' };
const de: AddressInput = { addressLine1: 'Unter den Linden 77', city: 'Berlin', postalCode: '10117', country: 'DE' };
const gb: AddressInput = { addressLine1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' };
const jp: AddressInput = { addressLine1: '1-1 Chiyoda', city: 'Chiyoda-ku', state: 'Tokyo', postalCode: '100-0001', country: 'JP' };
const id: AddressInput = { addressLine1: 'Jl. M.H. Thamrin No. 1', city: 'Jakarta Pusat', postalCode: '10310', country: 'ID' };
const br: AddressInput = { addressLine1: 'Av. Paulista, 1578', city: 'São Paulo', state: 'SP', postalCode: '01310-200', country: 'BR' };
const ae: AddressInput = { addressLine1: 'Sheikh Zayed Road', city: 'Dubai', country: 'AE' };

/** Expects InteractionRequired with exactly one suggestion, and returns it. */
function suggestionFor(input: AddressInput): AddressInput {
  const result = validateAddress(input);
  expect(result.status).toBe('InteractionRequired');
  expect(result.suggestedAddresses).toHaveLength(1);
  expect(result.problem).toBeUndefined();
  expect(result.validationMessage).toMatch(/standardized/);
  return result.suggestedAddresses[0];
}

function expectInvalid(input: AddressInput, problem: string): void {
  const result = validateAddress(input);
  expect(result).toMatchObject({ status: 'None', problem, suggestedAddresses: [] });
  expect(result.validationMessage).toMatch(/\w/);
  expect(result.originalAddress).toBe(input);
}

describe('ENR-3 verified addresses', () => {
  it.each([
    ['US', us],
    ['CA', ca],
    ['MX', mx],
    ['CN', cn],
    ['FR', fr],
    ['DE', de],
    ['GB', gb],
    ['JP', jp],
    ['ID', id],
    ['BR', br],
  ])('ENR-3 %s: a complete address in standard form is VerifiedShippable', (_country, input) => {
    expect(validateAddress(input)).toEqual({ originalAddress: input, suggestedAddresses: [], status: 'VerifiedShippable' });
  });

  it.each([
    ['US territory (PR)', { addressLine1: '1 Calle Fortaleza', city: 'San Juan', state: 'PR', postalCode: '00901', country: 'US' }],
    ['US military mail (AP)', { addressLine1: 'Unit 45013 Box 2666', city: 'APO', state: 'AP', postalCode: '96338', country: 'US' }],
    ['US ZIP+4', { ...us, postalCode: '98052-6399' }],
    ['US with blank optional lines', { ...us, addressLine2: '', addressLine3: '   ' }],
    ['US with a second line', { ...us, addressLine2: 'Building 92' }],
    ['CA in Nunavut', { addressLine1: '926 Federal Road', city: 'Iqaluit', state: 'NU', postalCode: 'X0A 0H0', country: 'CA' }],
    ['PL', { addressLine1: 'ul. Marszałkowska 1', city: 'Warszawa', postalCode: '00-950', country: 'PL' }],
    ['NL', { addressLine1: 'Dam 1', city: 'Amsterdam', postalCode: '1012 JS', country: 'NL' }],
  ])('ENR-3 %s: VerifiedShippable', (_label, input) => {
    expect(validateAddress(input).status).toBe('VerifiedShippable');
  });

  it.each([
    ['CN without a number (CN does not require one)', { ...cn, addressLine1: '中山路' }],
    ['JP without a number', { ...jp, addressLine1: 'Chiyoda' }],
    ['IE without an Eircode (optional there)', { addressLine1: '1 Grand Canal Quay', city: 'Dublin', country: 'IE' }],
  ])('ENR-3 %s: Verified, not shippable', (_label, input) => {
    expect(validateAddress(input)).toEqual({ originalAddress: input, suggestedAddresses: [], status: 'Verified' });
  });
});

describe('ENR-3 standardized suggestions (InteractionRequired)', () => {
  it('ENR-3 US: state name → code, ZIP+4 with a hyphen, title case of an all-lower street and all-upper city', () => {
    const input = { addressLine1: '1 microsoft way', city: 'REDMOND', state: 'Washington', postalCode: '98052 6399', country: 'US' };
    expect(suggestionFor(input)).toEqual({ addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052-6399', country: 'US' });
  });

  it.each([
    ['California', 'CA', '94105'],
    ['california', 'CA', '94105'],
    ['ca', 'CA', '94105'],
    ['US-CA', 'CA', '94105'],
    ['District of Columbia', 'DC', '20500'],
    ['Washington, D.C.', 'DC', '20500'],
    ['Puerto Rico', 'PR', '00901'],
  ])('ENR-3 US: state %s → %s', (state, code, postalCode) => {
    expect(suggestionFor({ ...us, state, postalCode }).state).toBe(code);
  });

  it.each([
    ['123456789', '12345-6789'],
    ['12345 6789', '12345-6789'],
    [' 12345 ', '12345'],
  ])('ENR-3 US: ZIP %j → %j', (postalCode, expected) => {
    expect(suggestionFor({ ...us, state: 'NY', postalCode }).postalCode).toBe(expected);
  });

  it('ENR-3 US: whitespace is trimmed and collapsed, mixed case is kept', () => {
    expect(suggestionFor({ ...us, addressLine1: '  1   McDonald  Ave ', city: ' Redmond' })).toMatchObject({ addressLine1: '1 McDonald Ave', city: 'Redmond' });
  });

  it('ENR-3 US: PO Box and directions stay upper case in a title-cased line', () => {
    expect(suggestionFor({ ...us, addressLine1: 'PO BOX 123', addressLine2: '500 MAIN ST NW' })).toMatchObject({
      addressLine1: 'PO Box 123',
      addressLine2: '500 Main St NW',
    });
  });

  it.each([
    ['123 the strand', '123 The Strand'],
    ['APT 12B', 'Apt 12B'],
    ['200 W 22ND ST', '200 W 22nd St'],
    ['1 la brea ave', '1 La Brea Ave'],
    ['350 FIFTH AVENUE OF THE AMERICAS', '350 Fifth Avenue of the Americas'],
  ])('ENR-3 US: title case of %j is %j', (addressLine1, expected) => {
    expect(suggestionFor({ ...us, addressLine1 }).addressLine1).toBe(expected);
  });

  it('ENR-3 US: a line without cased letters is left as written', () => {
    expect(validateAddress({ ...us, addressLine2: '#100' }).status).toBe('VerifiedShippable');
  });

  it('ENR-3 US: country code in upper case', () => {
    expect(suggestionFor({ ...us, country: 'us' }).country).toBe('US');
  });

  it('ENR-3 CA: postal code k1a0a2 → K1A 0A2 and Ontario → ON', () => {
    expect(suggestionFor({ ...ca, state: 'Ontario', postalCode: 'k1a0a2' })).toEqual({ ...ca, state: 'ON', postalCode: 'K1A 0A2' });
  });

  it.each([
    ['Québec', 'QC', 'H2Y 1C6'],
    ['Quebec', 'QC', 'H2Y 1C6'],
    ['Colombie-Britannique', 'BC', 'V6B 1A1'],
    ['Prince Edward Island', 'PE', 'C1A 1A1'],
  ])('ENR-3 CA: province %s → %s', (state, code, postalCode) => {
    expect(suggestionFor({ ...ca, state, postalCode }).state).toBe(code);
  });

  it('ENR-3 MX: Jalisco → JAL', () => {
    expect(suggestionFor({ ...mx, state: 'Jalisco' })).toEqual(mx);
  });

  it.each([
    ['Ciudad de México', 'CMX'],
    ['CDMX', 'CMX'],
    ['Nuevo Leon', 'NLE'],
    ['Nuevo León', 'NLE'],
    ['Michoacán', 'MIC'],
    ['Estado de México', 'MEX'],
    ['MX-YUC', 'YUC'],
  ])('ENR-3 MX: state %s → %s', (state, code) => {
    expect(suggestionFor({ ...mx, state }).state).toBe(code);
  });

  it.each([
    ['Guangdong', 'GD'],
    ['广东省', 'GD'],
    ['广东', 'GD'],
    ['Guangdong Province', 'GD'],
    ['CN-GD', 'GD'],
    ['gd', 'GD'],
    ['北京市', 'BJ'],
    ['北京', 'BJ'],
    ['新疆维吾尔自治区', 'XJ'],
    ['新疆', 'XJ'],
    ['广西壮族自治区', 'GX'],
    ['Inner Mongolia', 'NM'],
    ['内蒙古', 'NM'],
    ['Tibet', 'XZ'],
    ['Xizang', 'XZ'],
    ['Shanghai Shi', 'SH'],
    ['Shaanxi', 'SN'],
    ['Shanxi', 'SX'],
  ])('ENR-3 CN: province %s → %s', (state, code) => {
    expect(suggestionFor({ ...cn, state }).state).toBe(code);
  });

  it('ENR-3 FR: postal code with a space, all-upper street and city', () => {
    expect(suggestionFor({ addressLine1: '1 RUE DE LA PAIX', city: 'PARIS', postalCode: '75 002', country: 'FR' })).toEqual({
      addressLine1: '1 Rue de la Paix',
      city: 'Paris',
      postalCode: '75002',
      country: 'FR',
    });
  });

  it('ENR-3 FR: elided articles and hyphenated names in title case', () => {
    expect(suggestionFor({ addressLine1: "12 rue d'alembert", city: "villeneuve-d'ascq", postalCode: '59650', country: 'FR' })).toMatchObject({
      addressLine1: "12 Rue d'Alembert",
      city: "Villeneuve-d'Ascq",
    });
  });

  it('ENR-3 DE: all-upper street and city, postal code with a space', () => {
    expect(suggestionFor({ addressLine1: 'UNTER DEN LINDEN 77', city: 'BERLIN', postalCode: '10 117', country: 'DE' })).toEqual(de);
  });

  it.each([['sw1a2aa'], ['SW1A2AA'], ['SW1A-2AA'], ['sw1a  2aa']])('ENR-3 GB: postal code %j → SW1A 2AA', (postalCode) => {
    expect(suggestionFor({ ...gb, postalCode })).toEqual(gb);
  });

  it.each([['1000001'], ['100 0001'], ['１００－０００１'], ['100ー0001']])('ENR-3 JP: postal code %j → 100-0001', (postalCode) => {
    expect(suggestionFor({ ...jp, postalCode })).toEqual(jp);
  });

  it('ENR-3 ID: postal code trimmed, all-upper city in title case', () => {
    expect(suggestionFor({ ...id, city: 'JAKARTA PUSAT', postalCode: ' 10310 ' })).toEqual(id);
  });

  it('ENR-3 BR: CEP 01310200 → 01310-200', () => {
    expect(suggestionFor({ ...br, postalCode: '01310200' })).toEqual(br);
  });

  it.each([
    ['PL', '00950', '00-950'],
    ['NL', '1012js', '1012 JS'],
    ['IE', 'd02x285', 'D02 X285'],
  ])('ENR-3 %s: postal code %j → %j', (country, postalCode, expected) => {
    const input = { addressLine1: '1 Main Street', city: 'Capital', postalCode, country };
    expect(suggestionFor(input).postalCode).toBe(expected);
  });

  it('ENR-3: the validation message names the fields that change', () => {
    expect(validateAddress({ ...gb, postalCode: 'sw1a2aa' }).validationMessage).toContain('postal code');
  });
});

describe('ENR-3 invalid addresses (None)', () => {
  it.each([
    ['US', { ...us, postalCode: '9805' }],
    ['US', { ...us, postalCode: '98052-63' }],
    ['US', { ...us, postalCode: 'ABCDE' }],
    ['CA', { ...ca, postalCode: 'K1A 0A' }],
    ['CA', { ...ca, postalCode: 'D1A 0A2' }],
    ['MX', { ...mx, postalCode: '4410' }],
    ['CN', { ...cn, postalCode: '51000' }],
    ['FR', { ...fr, postalCode: '7500' }],
    ['FR', { ...fr, postalCode: '75008 CEDEX' }],
    ['DE', { ...de, postalCode: '101170' }],
    ['GB', { ...gb, postalCode: 'SW1A' }],
    ['GB', { ...gb, postalCode: '12345' }],
    ['JP', { ...jp, postalCode: '100-001' }],
    ['ID', { ...id, postalCode: '1031' }],
    ['BR', { ...br, postalCode: '0131020' }],
    ['PL', { addressLine1: 'ul. Marszałkowska 1', city: 'Warszawa', postalCode: '0095', country: 'PL' }],
  ])('ENR-3 %s: an invalid postal code is postal_code_invalid', (_country, input) => {
    expectInvalid(input, 'postal_code_invalid');
  });

  it.each([
    ['US', { ...us, postalCode: undefined }],
    ['CA', { ...ca, postalCode: '' }],
    ['FR', { ...fr, postalCode: '  ' }],
    ['JP', { ...jp, postalCode: undefined }],
  ])('ENR-3 %s: a missing postal code is postal_code_required', (_country, input) => {
    expectInvalid(input, 'postal_code_required');
  });

  it.each([
    ['US', { ...us, state: 'Calfornia' }],
    ['US', { ...us, state: 'ZZ' }],
    ['CA', { ...ca, state: 'Ontari' }],
    ['MX', { ...mx, state: 'Texas' }],
    ['CN', { ...cn, state: 'Kanto' }],
    ['CN', { ...cn, state: '广州' }],
  ])('ENR-3 %s: an unknown state is state_unknown', (_country, input) => {
    expectInvalid(input, 'state_unknown');
  });

  it.each([
    ['US', { ...us, state: undefined }],
    ['CA', { ...ca, state: '' }],
    ['MX', { ...mx, state: undefined }],
    ['CN', { ...cn, state: ' ' }],
  ])('ENR-3 %s: a missing state is state_required', (_country, input) => {
    expectInvalid(input, 'state_required');
  });

  it('ENR-3 US: the state_required message names the state the ZIP belongs to', () => {
    expect(validateAddress({ ...us, state: undefined }).validationMessage).toContain('Washington (WA)');
  });

  it('ENR-3: an invalid postal code wins over a missing street', () => {
    expectInvalid({ ...fr, addressLine1: '', postalCode: '1' }, 'postal_code_invalid');
  });

  it('ENR-3 US: the postal code is checked before the state', () => {
    expectInvalid({ ...us, state: 'Nowhere', postalCode: '1' }, 'postal_code_invalid');
  });
});

describe('ENR-3 partial addresses', () => {
  it.each([
    ['US', { ...us, addressLine1: '' }],
    ['DE', { ...de, addressLine1: '   ' }],
    ['JP', { ...jp, addressLine1: '' }],
  ])('ENR-3 %s: no street is StreetPartial street_missing', (_country, input) => {
    expect(validateAddress(input)).toMatchObject({ status: 'StreetPartial', problem: 'street_missing' });
  });

  it.each([
    ['US', { ...us, city: '' }],
    ['GB', { ...gb, city: '  ' }],
    ['CN', { ...cn, city: '' }],
  ])('ENR-3 %s: no city is StreetPartial city_missing', (_country, input) => {
    expect(validateAddress(input)).toMatchObject({ status: 'StreetPartial', problem: 'city_missing' });
  });

  it.each([
    ['US', { ...us, addressLine1: 'Microsoft Way' }],
    ['CA', { ...ca, addressLine1: 'Wellington Street' }],
    ['MX', { ...mx, addressLine1: 'Avenida Juárez' }],
    ['BR', { ...br, addressLine1: 'Avenida Paulista' }],
    ['DE', { ...de, addressLine1: 'Unter den Linden' }],
    ['FR', { ...fr, addressLine1: 'Rue de Rivoli' }],
    ['GB', { ...gb, addressLine1: 'Downing Street' }],
    ['ID', { ...id, addressLine1: 'Jalan Sudirman' }],
  ])('ENR-3 %s: a street without a number is PremisesPartial street_number_missing', (_country, input) => {
    expect(validateAddress(input)).toMatchObject({ status: 'PremisesPartial', problem: 'street_number_missing', suggestedAddresses: [] });
  });

  it('ENR-3 GB: a partial address still carries its standardized form', () => {
    const result = validateAddress({ addressLine1: 'HIGH STREET', city: 'london', postalCode: 'sw1a1aa', country: 'GB' });
    expect(result.status).toBe('PremisesPartial');
    expect(result.suggestedAddresses).toEqual([{ addressLine1: 'High Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' }]);
  });

  it('ENR-3 US: a street number in the second line does not count', () => {
    expect(validateAddress({ ...us, addressLine1: 'Microsoft Campus', addressLine2: '1 Microsoft Way' }).status).toBe('PremisesPartial');
  });
});

describe('ENR-3 ambiguous state (Multiple)', () => {
  it('ENR-3 US: a ZIP shared by several territories with no state gives one suggestion per territory', () => {
    const input = { addressLine1: '1 Marine Corps Dr', city: 'Hagatna', postalCode: '96910', country: 'US' };
    const result = validateAddress(input);
    expect(result).toMatchObject({ status: 'Multiple', problem: 'state_ambiguous' });
    expect(result.suggestedAddresses.map((a) => a.state)).toEqual(['FM', 'GU', 'MH', 'MP', 'PW']);
    expect(result.suggestedAddresses[1]).toEqual({ ...input, state: 'GU' });
  });

  it('ENR-3 US: ZIP prefix 967 without a state is Hawaii or American Samoa', () => {
    const result = validateAddress({ addressLine1: '1 Main St', city: 'Pago Pago', postalCode: '96799', country: 'US' });
    expect(result.status).toBe('Multiple');
    expect(result.suggestedAddresses.map((a) => a.state)).toEqual(['AS', 'HI']);
  });

  it('ENR-3 US: a ZIP of another state than the one given suggests the ZIP’s state', () => {
    const result = validateAddress({ addressLine1: '700 W Jefferson St', city: 'Boise', state: 'CA', postalCode: '83702', country: 'US' });
    expect(result).toMatchObject({ status: 'Multiple', problem: 'state_postal_code_mismatch' });
    expect(result.suggestedAddresses).toEqual([{ addressLine1: '700 W Jefferson St', city: 'Boise', state: 'ID', postalCode: '83702', country: 'US' }]);
    expect(result.validationMessage).toContain('Idaho (ID)');
  });

  it('ENR-3 US: a given state that one of the ZIP’s states matches is accepted', () => {
    expect(validateAddress({ addressLine1: '1 Main St', city: 'Alta', state: 'WY', postalCode: '83414', country: 'US' }).status).toBe('VerifiedShippable');
  });

  it('ENR-3 CA: an X postal code without a province is Northwest Territories or Nunavut', () => {
    const result = validateAddress({ addressLine1: '926 Federal Road', city: 'Iqaluit', postalCode: 'x0a 0h0', country: 'CA' });
    expect(result).toMatchObject({ status: 'Multiple', problem: 'state_ambiguous' });
    expect(result.suggestedAddresses).toEqual([
      { addressLine1: '926 Federal Road', city: 'Iqaluit', state: 'NT', postalCode: 'X0A 0H0', country: 'CA' },
      { addressLine1: '926 Federal Road', city: 'Iqaluit', state: 'NU', postalCode: 'X0A 0H0', country: 'CA' },
    ]);
  });

  it('ENR-3 CA: a Toronto postal code with British Columbia suggests Ontario', () => {
    const result = validateAddress({ ...ca, state: 'British Columbia', postalCode: 'M5V 3L9' });
    expect(result).toMatchObject({ status: 'Multiple', problem: 'state_postal_code_mismatch' });
    expect(result.suggestedAddresses.map((a) => a.state)).toEqual(['ON']);
  });

  it('ENR-3 US: a missing street is reported before the ambiguous state', () => {
    expect(validateAddress({ addressLine1: '', city: 'Hagatna', postalCode: '96910', country: 'US' }).status).toBe('StreetPartial');
  });
});

describe('ENR-3 countries without rules (NotValidated)', () => {
  it.each([['AE'], ['HK'], ['QA']])('ENR-3 %s has no rules', (country) => {
    expect(hasAddressRules(country)).toBe(false);
  });

  it('ENR-3 AE: any address is NotValidated, with no suggestion even for messy input', () => {
    expect(validateAddress(ae)).toEqual({ originalAddress: ae, suggestedAddresses: [], status: 'NotValidated' });
    const messy = { addressLine1: '  SHEIKH   ZAYED ROAD ', city: '', postalCode: 'whatever', country: 'AE' };
    expect(validateAddress(messy)).toEqual({ originalAddress: messy, suggestedAddresses: [], status: 'NotValidated' });
  });

  it('ENR-3 AE: a lower-case country code is matched too', () => {
    expect(validateAddress({ ...ae, country: 'ae' }).status).toBe('NotValidated');
  });

  it('ENR-3 an unknown country code is NotValidated', () => {
    expect(validateAddress({ ...us, country: 'XX' }).status).toBe('NotValidated');
  });

  it.each([['US'], ['CA'], ['MX'], ['CN'], ['FR'], ['DE'], ['GB'], ['JP'], ['ID'], ['BR'], ['us']])('ENR-3 %s has rules', (country) => {
    expect(hasAddressRules(country)).toBe(true);
  });
});

describe('ENR-3 normalizePostalCode', () => {
  it.each([
    ['US', '98052', '98052'],
    ['US', '980526399', '98052-6399'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['CA', 'K1A-0B1', 'K1A 0B1'],
    ['GB', 'gir0aa', 'GIR 0AA'],
    ['GB', 'm11ae', 'M1 1AE'],
    ['BR', '01310100', '01310-100'],
    ['JP', '1000001', '100-0001'],
    ['PT', '1000001', '1000-001'],
    ['LV', 'lv1010', 'LV-1010'],
    ['LV', '1010', '1010'],
    ['SE', '11351', '113 51'],
    ['CN', '100 000', '100000'],
    ['AE', '  12  34 ', '12 34'],
  ])('ENR-3 %s %j → %j', (country, postalCode, expected) => {
    expect(normalizePostalCode(country, postalCode)).toBe(expected);
  });

  it.each([
    ['US', '1234'],
    ['CA', 'K1A 0B'],
    ['GB', 'SW1A'],
    ['FR', ''],
    ['AE', '  '],
  ])('ENR-3 %s %j → undefined', (country, postalCode) => {
    expect(normalizePostalCode(country, postalCode)).toBeUndefined();
  });
});

describe('ENR-3 subdivisions and reference data', () => {
  it('ENR-3 US: 50 states, DC, territories and military mail codes', () => {
    const codes = subdivisionsOf('US').map((s) => s.code);
    for (const code of ['CA', 'NY', 'WA', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP', 'AA', 'AE', 'AP']) expect(codes).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(56);
    expect(subdivisionsOf('US')).toContainEqual({ code: 'CA', name: 'California' });
  });

  it('ENR-3 CA: 10 provinces and 3 territories', () => {
    expect(subdivisionsOf('CA').map((s) => s.code).sort()).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
  });

  it('ENR-3 MX: 32 federal entities', () => {
    const list = subdivisionsOf('MX');
    expect(list).toHaveLength(32);
    expect(list).toContainEqual({ code: 'JAL', name: 'Jalisco' });
    expect(list.map((s) => s.code)).toContain('CMX');
  });

  it('ENR-3 CN: provinces with letter codes, each with a Chinese name', () => {
    const codes = subdivisionsOf('CN').map((s) => s.code);
    for (const code of ['GD', 'BJ', 'SH', 'XJ', 'NM', 'XZ', 'GX']) expect(codes).toContain(code);
    for (const code of codes) expect(chineseProvinceNames[code], code).toBeTruthy();
  });

  it('ENR-3 every alias and Chinese name points at an existing code', () => {
    for (const [country, aliases] of Object.entries(subdivisionAliases)) {
      const codes = subdivisionsOf(country).map((s) => s.code);
      for (const [alias, code] of Object.entries(aliases)) expect(codes, `${country} ${alias}`).toContain(code);
    }
    const cnCodes = subdivisionsOf('CN').map((s) => s.code);
    for (const code of Object.keys(chineseProvinceNames)) expect(cnCodes).toContain(code);
  });

  it('ENR-3 every state of the ZIP prefix and Canadian postal tables exists', () => {
    const usCodes = new Set(subdivisionsOf('US').map((s) => s.code));
    let known = 0;
    for (let prefix = 0; prefix < 1000; prefix++) {
      const states = statesForPostalCode('US', `${String(prefix).padStart(3, '0')}01`);
      known += states.length > 0 ? 1 : 0;
      for (const state of states) expect(usCodes.has(state), `${prefix} ${state}`).toBe(true);
    }
    expect(known).toBeGreaterThan(900);
    const caCodes = new Set(subdivisionsOf('CA').map((s) => s.code));
    for (const letter of 'ABCEGHJKLMNPRSTVXY') {
      const states = statesForPostalCode('CA', `${letter}1A1A1`);
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) expect(caCodes.has(state)).toBe(true);
    }
  });

  it('ENR-3 a country without subdivision data has none; results are copies', () => {
    expect(subdivisionsOf('ZZ')).toEqual([]);
    const list = subdivisionsOf('CA');
    list[0].name = 'changed';
    list.pop();
    expect(subdivisionsOf('CA')).toHaveLength(13);
    expect(subdivisionsOf('CA')[0].name).not.toBe('changed');
  });
});

describe('ENR-3 purity and cost', () => {
  it('ENR-3 does not change its input and gives the same answer twice', () => {
    const input = Object.freeze({ addressLine1: '1 microsoft way', city: 'REDMOND', state: 'Washington', postalCode: '98052 6399', country: 'US' });
    const first = validateAddress(input);
    expect(validateAddress(input)).toEqual(first);
    expect(first.originalAddress).toBe(input);
  });

  it('ENR-3 validation is cheap: 10,000 validations in under two seconds', () => {
    const inputs = [us, ca, mx, cn, fr, de, gb, jp, id, br, ae, { ...us, state: 'California', postalCode: '94105 1234' }, { ...cn, state: '广东省' }];
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) validateAddress(inputs[i % inputs.length]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
