import { addressBody, addressValues, type AddressValues } from '../../../address';
import type { Attestation, LegalProfile, LegalProfileBody, SupportProfile } from '@contracts/enrollment';
import { isPlausibleEmail } from '../../../validation';

/** The enrollment form's values, kept across its steps until they are saved. */
export interface LegalValues {
  legalName: string;
  dunsNumber: string;
  address: AddressValues;
}

export type ContactValues = LegalProfileBody['primaryContact'];

export interface SupportValues {
  email: string;
  phone: string;
  website: string;
}

export function legalValuesOf(profile: LegalProfile | null, country: string): LegalValues {
  return {
    legalName: profile?.legalName ?? '',
    dunsNumber: profile?.dunsNumber ?? '',
    address: addressValues(profile?.address, country),
  };
}

export function contactValuesOf(profile: LegalProfile | null): ContactValues {
  return { firstName: '', lastName: '', email: '', phone: '', ...profile?.primaryContact };
}

export function supportValuesOf(profile: SupportProfile | null): SupportValues {
  return { email: profile?.email ?? '', phone: profile?.phone ?? '', website: profile?.website ?? '' };
}

export const NO_ATTESTATION: Attestation = { billingCapability: false, supportCapability: false };

/** A website as the API takes it (http or https); `contoso.com` becomes `https://contoso.com`. */
export function normalizeWebsite(value: string): string {
  const trimmed = value.trim();
  if (!trimmed || /^https?:\/\//i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

export function isDunsNumber(value: string): boolean {
  return /^\d{9}$/.test(value.trim());
}

/** Body of PUT /v1/profiles/legalbusiness. */
export function legalBody(legal: LegalValues, contact: ContactValues) {
  return {
    legalName: legal.legalName.trim(),
    address: addressBody(legal.address),
    ...(legal.dunsNumber.trim() ? { dunsNumber: legal.dunsNumber.trim() } : {}),
    primaryContact: {
      firstName: contact.firstName.trim(),
      lastName: contact.lastName.trim(),
      email: contact.email.trim(),
      phone: contact.phone.trim(),
    },
  };
}

/** Body of PUT /v1/profiles/support. */
export function supportBody(support: SupportValues) {
  return { email: support.email.trim(), phone: support.phone.trim(), website: normalizeWebsite(support.website) };
}

export type MessageFor = (key: 'required' | 'email') => string;

/** Client checks of the contact step, keyed by the JSON pointer the API uses. */
export function contactProblems(contact: ContactValues, support: SupportValues, message: MessageFor): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!contact.firstName.trim()) problems['/primaryContact/firstName'] = message('required');
  if (!contact.lastName.trim()) problems['/primaryContact/lastName'] = message('required');
  if (!contact.email.trim()) problems['/primaryContact/email'] = message('required');
  else if (!isPlausibleEmail(contact.email)) problems['/primaryContact/email'] = message('email');
  if (!contact.phone.trim()) problems['/primaryContact/phone'] = message('required');
  if (!support.email.trim()) problems['/support/email'] = message('required');
  else if (!isPlausibleEmail(support.email)) problems['/support/email'] = message('email');
  if (!support.phone.trim()) problems['/support/phone'] = message('required');
  if (!support.website.trim()) problems['/support/website'] = message('required');
  return problems;
}

export type StepId = 'partnerId' | 'legal' | 'contacts' | 'services' | 'review';

/** The step of the enrollment form where a missing or refused item is entered. */
export function stepOfItem(path: string): StepId {
  const item = path.replace(/^\//, '');
  if (item.startsWith('legalBusinessProfile/primaryContact') || item.startsWith('supportProfile')) return 'contacts';
  if (item.startsWith('legalBusinessProfile')) return 'legal';
  if (item.startsWith('servicesOffered') || item.startsWith('attestation')) return 'services';
  return 'review';
}
