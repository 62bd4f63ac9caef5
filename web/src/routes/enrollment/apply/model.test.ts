// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addressBody, addressValues, emptyAddress, missingAddressFields } from '../../../address';
import { formatDay } from '../../../format';
import { contactProblems, legalBody, normalizeWebsite, stepOfItem, supportBody } from './model';

describe('address values', () => {
  it('leaves empty optional parts out of the API body and trims the rest', () => {
    const values = { ...emptyAddress('FR'), addressLine1: ' 12 rue de la Paix ', city: 'Paris', postalCode: '75002 ' };
    expect(addressBody(values)).toEqual({ addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' });
    expect(addressValues(addressBody(values)).state).toBe('');
  });

  it('names the required parts that are empty', () => {
    expect(missingAddressFields(emptyAddress())).toEqual(['addressLine1', 'city', 'country']);
    expect(missingAddressFields({ ...emptyAddress('US'), addressLine1: '1 Microsoft Way', city: 'Redmond' })).toEqual([]);
  });
});

describe('enrollment form', () => {
  it('builds the legal profile body with the primary contact, and the DUNS number only when given', () => {
    const legal = { legalName: ' Contoso SAS ', dunsNumber: '', address: { ...emptyAddress('FR'), addressLine1: '1 rue A', city: 'Paris' } };
    const contact = { firstName: 'Camille ', lastName: 'Martin', email: ' contact@contoso.example.com', phone: '+33 1 23 45 67 89' };
    expect(legalBody(legal, contact)).toEqual({
      legalName: 'Contoso SAS',
      address: { addressLine1: '1 rue A', city: 'Paris', country: 'FR' },
      primaryContact: { firstName: 'Camille', lastName: 'Martin', email: 'contact@contoso.example.com', phone: '+33 1 23 45 67 89' },
    });
    expect(legalBody({ ...legal, dunsNumber: '123456789' }, contact)).toMatchObject({ dunsNumber: '123456789' });
  });

  it('gives a website without a scheme https://', () => {
    expect(normalizeWebsite('www.contoso.com')).toBe('https://www.contoso.com');
    expect(normalizeWebsite('http://contoso.com')).toBe('http://contoso.com');
    expect(supportBody({ email: ' help@contoso.com', phone: '1', website: 'contoso.com' })).toEqual({ email: 'help@contoso.com', phone: '1', website: 'https://contoso.com' });
  });

  it('checks the contact step by the JSON pointers the API uses', () => {
    const problems = contactProblems(
      { firstName: '', lastName: 'Martin', email: 'not-an-email', phone: '1' },
      { email: '', phone: '1', website: 'x' },
      (key) => key,
    );
    expect(problems).toEqual({ '/primaryContact/firstName': 'required', '/primaryContact/email': 'email', '/support/email': 'required' });
  });

  it('sends each missing item of a refused submit to the step that enters it', () => {
    expect(stepOfItem('/legalBusinessProfile')).toBe('legal');
    expect(stepOfItem('/legalBusinessProfile/primaryContact/email')).toBe('contacts');
    expect(stepOfItem('/supportProfile')).toBe('contacts');
    expect(stepOfItem('/servicesOffered')).toBe('services');
    expect(stepOfItem('/attestation')).toBe('services');
    expect(stepOfItem('/somethingElse')).toBe('review');
  });
});

describe('formatDay', () => {
  it('formats an ISO day in the UI language without shifting it through a time zone', () => {
    expect(formatDay('2026-01-05', 'fr')).toBe('5 janvier 2026');
    expect(formatDay('2026-01-05', 'en')).toBe('January 5, 2026');
    expect(formatDay(null, 'en')).toBe('');
  });
});
